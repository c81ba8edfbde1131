using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Sharding;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>Entities and messages shared by the sharding specs.</summary>
public static class TestEntities
{
    /// <summary>Answered by <see cref="Echo"/> with <see cref="Echoed"/>.</summary>
    public sealed record Ping(string Payload);

    /// <summary>An echo's answer: which entity and which incarnation of it answered.</summary>
    public sealed record Echoed(string EntityId, string Payload, int Incarnation);

    /// <summary>Makes <see cref="Echo"/> ask its shard to passivate it; echoed back once asked.</summary>
    public sealed record PassivateMe;

    /// <summary>The stop message entities get on hand-off and passivation in these specs.</summary>
    public sealed record Stop;

    /// <summary>Reported to the lifecycle probe.</summary>
    public sealed record Started(string EntityId, int Incarnation);

    /// <summary>Reported to the lifecycle probe.</summary>
    public sealed record Stopped(string EntityId, int Incarnation);

    /// <summary>Counts incarnations per entity id across all echoes of one test.</summary>
    public sealed class Incarnations
    {
        private readonly Dictionary<string, int> _counts = new();

        public int Next(string id)
        {
            lock (_counts) return _counts[id] = _counts.GetValueOrDefault(id) + 1;
        }
    }

    /// <summary>Extractor of <see cref="ShardEnvelope"/>s over <paramref name="shards"/> shards.</summary>
    public static IMessageExtractor Extractor(int shards = 10) => new HashCodeMessageExtractor(shards);

    /// <summary>Answers pings, reports start and stop to <c>lifecycle</c> (in the order they happen), stops on <see cref="Stop"/>.</summary>
    public sealed class Echo : ReceiveActor
    {
        private readonly string _id;
        private readonly int _incarnation;
        private readonly Action<object>? _lifecycle;

        public Echo(string id, Incarnations incarnations, Action<object>? lifecycle)
        {
            _id = id;
            _incarnation = incarnations.Next(id);
            _lifecycle = lifecycle;
            Receive<Ping>(p => Sender.Tell(new Echoed(_id, p.Payload, _incarnation)));
            Receive<PassivateMe>(_ =>
            {
                Context.Parent.Tell(new Passivate(new Stop()));
                Sender.Tell(new PassivateMe());
            });
            Receive<Stop>(_ => Context.Stop(Self));
        }

        protected override void PreStart() => _lifecycle?.Invoke(new Started(_id, _incarnation));

        protected override void PostStop() => _lifecycle?.Invoke(new Stopped(_id, _incarnation));
    }

    /// <summary>Appends a value; answered with <see cref="Appended"/> after the event is durable.</summary>
    public sealed record Append(int Value);

    /// <summary>The acknowledged append and the entity's sequence number.</summary>
    public sealed record Appended(string EntityId, int Value, long SequenceNr);

    /// <summary>Event of <see cref="Counter"/>.</summary>
    public sealed record ValueAppended(int Value);

    /// <summary>Asks a <see cref="Counter"/> for its values.</summary>
    public sealed record GetValues;

    /// <summary>Answer to <see cref="GetValues"/>.</summary>
    public sealed record Values(string EntityId, IReadOnlyList<int> Items);

    public static void Register(ActorSystem system) => system.Serialization.Register<ValueAppended>("test-sharding-value-appended/v1");

    /// <summary>A persistent entity; stops on <see cref="Stop"/> as a command, so writes in flight complete first.</summary>
    public sealed class Counter : ReceivePersistentActor
    {
        private readonly List<int> _values = [];

        public Counter(string id, IActorRef? lifecycle)
        {
            PersistenceId = "counter/" + id;
            Recover<ValueAppended>(e => _values.Add(e.Value));
            Recover<RecoveryCompleted>(_ => lifecycle?.Tell(new Started(id, 0)));
            Command<Append>(a => Persist(new ValueAppended(a.Value), e =>
            {
                _values.Add(e.Value);
                Sender.Tell(new Appended(id, e.Value, LastSequenceNr));
            }));
            Command<GetValues>(_ => Sender.Tell(new Values(id, _values.ToList())));
            Command<Stop>(_ => Context.Stop(Self));
        }

        public override string PersistenceId { get; }
    }
}
