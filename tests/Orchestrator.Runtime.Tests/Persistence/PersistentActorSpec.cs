using Orchestrator.Runtime.Event;
using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Persistence.Storage;
using static Orchestrator.Runtime.Tests.Persistence.TestPersistentActors;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>Every persistent-actor behaviour, run against each journal backend by the classes at the end.</summary>
public abstract class PersistentActorContract : TestKit.TestKit
{
    protected PersistentActorContract(string backendConfig) : base(backendConfig) => Register(Sys);

    private IActorRef Start(string id, IActorRef? recoveryProbe = null) =>
        Sys.ActorOf(Props.Create(() => new ListActor(id, recoveryProbe)));

    private void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void The_persist_handler_runs_after_the_write_and_answers_the_original_sender()
    {
        var actor = Start("list-1");
        actor.Tell(new Add("a"), TestActor);
        Assert.Equal(new Ack("a", 1), ExpectMsg<Ack>());
        actor.Tell(new Add("b"), TestActor);
        Assert.Equal(new Ack("b", 2), ExpectMsg<Ack>());
    }

    [Fact]
    public void A_restarted_entity_recovers_its_state_from_the_journal()
    {
        var actor = Start("list-2");
        actor.Tell(new AddMany(["a", "b", "c"]), TestActor);
        ReceiveN(3);
        StopAndWait(actor);

        var probe = CreateTestProbe();
        var again = Start("list-2", probe.Ref);
        var recovered = probe.ExpectMsg<State>();
        Assert.Equal(["a", "b", "c"], recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
        again.Tell(new Add("d"), TestActor);
        Assert.Equal(new Ack("d", 4), ExpectMsg<Ack>());
    }

    [Fact]
    public void Commands_sent_while_persisting_wait_and_keep_their_order()
    {
        var actor = Start("list-3");
        for (var i = 0; i < 50; i++) actor.Tell(new Add("x" + i), TestActor);
        actor.Tell(new GetState(), TestActor);
        for (var i = 0; i < 50; i++) Assert.Equal(new Ack("x" + i, i + 1), ExpectMsg<Ack>());
        var state = ExpectMsg<State>();
        Assert.Equal(50, state.Items.Count);
        Assert.Equal(50, state.LastSequenceNr);
    }

    [Fact]
    public void Persist_all_runs_each_handler_in_order_after_one_atomic_write()
    {
        var actor = Start("list-4");
        actor.Tell(new AddMany(["a", "b"]), TestActor);
        Assert.Equal(new Ack("a", 1), ExpectMsg<Ack>());
        Assert.Equal(new Ack("b", 2), ExpectMsg<Ack>());
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var probe = CreateTestProbe();
        var actor = Start("list-5", probe.Ref);
        probe.ExpectMsg<State>();
        actor.Tell(new AddMany(["a", "b"]), TestActor);
        ReceiveN(2);
        actor.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(2, probe.ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        actor.Tell(new Add("c"), TestActor);
        ExpectMsg<Ack>();
        StopAndWait(actor);

        Start("list-5", probe.Ref);
        var recovered = probe.ExpectMsg<State>();
        Assert.True(recovered.FromSnapshot);
        Assert.Equal(["a", "b", "c"], recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public void An_event_that_cannot_be_serialized_is_rejected_and_the_actor_goes_on()
    {
        var actor = Start("list-6");
        actor.Tell(new PersistUnserializable(), TestActor);
        var failure = ExpectMsg<Status.Failure>();
        Assert.Contains("has no manifest", failure.Cause.Message);
        actor.Tell(new Add("after"), TestActor);
        Assert.Equal(new Ack("after", 1), ExpectMsg<Ack>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_second_writer_of_the_same_persistence_id_fails_its_write_and_stops()
    {
        var first = Start("list-7");
        first.Tell(new Add("a"), TestActor);
        ExpectMsg<Ack>();
        var probe = CreateTestProbe();
        var second = Start("list-7", probe.Ref);
        probe.ExpectMsg<State>();
        first.Tell(new Add("b"), TestActor);
        Assert.Equal(new Ack("b", 2), ExpectMsg<Ack>());

        probe.Watch(second);
        second.Tell(new Add("conflict"), TestActor);
        probe.ExpectTerminated(second);
        ExpectLog(l => l.Message.Contains("list-7") && l.Exception is DuplicateSequenceNumberException, description: "a failed write naming list-7");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Recovery_of_an_unreadable_event_stops_only_that_actor_naming_id_and_sequence_number()
    {
        var storage = Orchestrator.Runtime.Persistence.Persistence.Get(Sys).JournalStorage;
        await storage.InitializeAsync();
        await storage.WriteAsync([new AtomicWrite([
            new PersistentRepr("list-8", 1, "test-added/v1", """{"item":"ok"}"""u8.ToArray(), [], 0, "test"),
            new PersistentRepr("list-8", 2, "no-such-manifest/v9", """{}"""u8.ToArray(), [], 0, "test")])]);

        var broken = Start("list-8");
        Watch(broken);
        ExpectTerminated(broken);
        var log = ExpectLog(l => l.Exception is RecoveryException);
        Assert.Contains("list-8", log.Exception!.Message);
        Assert.Contains("sequence number 2", log.Exception.Message);
        Assert.Contains("no-such-manifest/v9", log.Exception.Message);

        var healthy = Start("list-9");
        healthy.Tell(new Add("fine"), TestActor);
        ExpectMsg<Ack>();
    }

    [Fact]
    public void A_failing_command_restarts_the_actor_which_recovers_its_events()
    {
        var probe = CreateTestProbe();
        var actor = Start("list-10", probe.Ref);
        probe.ExpectMsg<State>();
        actor.Tell(new Add("kept"), TestActor);
        ExpectMsg<Ack>();
        actor.Tell(new Fail(), TestActor);
        Assert.Equal(["kept"], probe.ExpectMsg<State>().Items);
        actor.Tell(new GetState(), TestActor);
        Assert.Equal(["kept"], ExpectMsg<State>().Items);
    }

    [Fact]
    public void Deleted_events_are_not_replayed_but_the_sequence_number_continues()
    {
        var probe = CreateTestProbe();
        var actor = Start("list-11", probe.Ref);
        probe.ExpectMsg<State>();
        actor.Tell(new AddMany(["a", "b", "c"]), TestActor);
        ReceiveN(3);
        actor.Tell(new Delete(2), TestActor);
        Assert.Equal(2, probe.ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr);
        StopAndWait(actor);

        var again = Start("list-11", probe.Ref);
        var recovered = probe.ExpectMsg<State>();
        Assert.Equal(["c"], recovered.Items);
        Assert.Equal(3, recovered.LastSequenceNr);
        again.Tell(new Add("d"), TestActor);
        Assert.Equal(new Ack("d", 4), ExpectMsg<Ack>());
    }
}

public sealed class MemoryPersistentActorSpec() : PersistentActorContract(PersistenceBackends.Memory());

public sealed class SqlitePersistentActorSpec() : PersistentActorContract(PersistenceBackends.Sqlite());

public sealed class PostgresPersistentActorSpec(Storage.PostgresStorageFixture fixture)
    : PersistentActorContract(PersistenceBackends.Postgres(fixture)), IClassFixture<Storage.PostgresStorageFixture>;

public sealed class PersistFromHandlerSpec : TestKit.TestKit
{
    public PersistFromHandlerSpec() : base(TestPersistentActors.MemoryConfig) => Sys.Serialization.Register<Step>("test-step/v1");

    public sealed record Step(int N);
    public sealed record Run(int Count);

    /// <summary>Persists the next event from the handler of the previous one, as a chain of steps.</summary>
    private sealed class Chain : Orchestrator.Runtime.Persistence.ReceivePersistentActor
    {
        public Chain()
        {
            Command<Run>(r => Next(r.Count, 1));
        }

        public override string PersistenceId => "chain";

        private void Next(int count, int n) =>
            Persist(new Step(n), s =>
            {
                if (s.N == count) Sender.Tell(LastSequenceNr, Self);
                else Next(count, s.N + 1);
            });
    }

    [Fact]
    public void Events_persisted_from_a_persist_handler_are_written_and_handled_in_order()
    {
        var chain = Sys.ActorOf(Props.Create(() => new Chain()));
        chain.Tell(new Run(20), TestActor);
        Assert.Equal(20L, ExpectMsg<long>());
    }
}

public sealed class LastOrderingSpec : TestKit.TestKit
{
    public LastOrderingSpec() : base(TestPersistentActors.MemoryConfig)
    {
        TestPersistentActors.Register(Sys);
        Sys.Serialization.Register<Noted>("test-noted/v1");
    }

    public sealed record Note;
    public sealed record Noted;
    public sealed record GetOrdering;

    private sealed class Notes : Orchestrator.Runtime.Persistence.ReceivePersistentActor
    {
        public Notes()
        {
            Recover<Noted>(_ => { });
            Command<Note>(_ => Persist(new Noted(), _ => Sender.Tell(LastOrdering, Self)));
            Command<GetOrdering>(_ => Sender.Tell(LastOrdering, Self));
        }

        public override string PersistenceId => "notes";
    }

    [Fact]
    public void Last_ordering_is_the_global_ordering_of_the_last_event_also_after_recovery()
    {
        var other = Sys.ActorOf(Props.Create(() => new TestPersistentActors.ListActor("other", null)));
        other.Tell(new TestPersistentActors.Add("x"), TestActor);
        ExpectMsg<TestPersistentActors.Ack>();
        var notes = Sys.ActorOf(Props.Create(() => new Notes()));
        notes.Tell(new Note(), TestActor);
        var written = ExpectMsg<long>();
        Assert.Equal(2, written);

        Watch(notes);
        Sys.Stop(notes);
        ExpectTerminated(notes);
        var recovered = Sys.ActorOf(Props.Create(() => new Notes()));
        recovered.Tell(new GetOrdering(), TestActor);
        Assert.Equal(written, ExpectMsg<long>());
    }
}
