using Orchestrator.Runtime.Persistence;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>Events and actors shared by the persistence specs.</summary>
public static class TestPersistentActors
{
    public sealed record Add(string Item);
    public sealed record AddMany(string[] Items);
    public sealed record Added(string Item);
    public sealed record GetState;
    public sealed record State(IReadOnlyList<string> Items, long LastSequenceNr, bool FromSnapshot);
    public sealed record TakeSnapshot;
    public sealed record Unserializable(Action NotJson);
    public sealed record PersistUnserializable;
    public sealed record Fail;
    public sealed record Delete(long ToSequenceNr);
    public sealed record Ack(string Item, long SequenceNr);

    /// <summary>Config for specs that need no database.</summary>
    public const string MemoryConfig = """
        orchestrator.persistence.journal.plugin = memory
        orchestrator.persistence.snapshot-store.plugin = memory
        """;

    public static void Register(ActorSystem system)
    {
        system.Serialization.Register<Added>("test-added/v1");
        system.Serialization.Register<ListSnapshot>("test-list-snapshot/v1");
    }

    public sealed record ListSnapshot(List<string> Items);

    /// <summary>Appends items; tags every event "items"; replies Ack from the persist handler.</summary>
    public sealed class ListActor : ReceivePersistentActor
    {
        private readonly string _id;
        private List<string> _items = [];
        private bool _fromSnapshot;

        public ListActor(string id, IActorRef? recoveryProbe = null)
        {
            _id = id;
            Recover<Added>(e => _items.Add(e.Item));
            Recover<SnapshotOffer>(o => { _items = [.. ((ListSnapshot)o.Snapshot).Items]; _fromSnapshot = true; });
            Recover<RecoveryCompleted>(_ => recoveryProbe?.Tell(new State(_items, LastSequenceNr, _fromSnapshot), Self));
            Command<Add>(c => Persist(new Tagged(new Added(c.Item), ["items"]), _ => Apply(new Added(c.Item))));
            Command<AddMany>(c => PersistAll(c.Items.Select(i => new Added(i)), Apply));
            Command<GetState>(_ => Sender.Tell(new State(_items, LastSequenceNr, _fromSnapshot), Self));
            Command<TakeSnapshot>(_ => SaveSnapshot(new ListSnapshot([.. _items])));
            Command<SaveSnapshotSuccess>(s => recoveryProbe?.Tell(s, Self));
            Command<PersistUnserializable>(_ => Persist(new Unserializable(() => { }), _ => Sender.Tell("persisted anyway", Self)));
            Command<Delete>(d => DeleteMessages(d.ToSequenceNr));
            Command<DeleteMessagesSuccess>(s => recoveryProbe?.Tell(s, Self));
            Command<Fail>(_ => throw new InvalidOperationException("boom"));
        }

        public override string PersistenceId => _id;

        private void Apply(Added e)
        {
            _items.Add(e.Item);
            Sender.Tell(new Ack(e.Item, LastSequenceNr), Self);
        }

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            base.OnPersistRejected(cause, @event, sequenceNr);
            Sender.Tell(new Status.Failure(cause), Self);
        }
    }
}
