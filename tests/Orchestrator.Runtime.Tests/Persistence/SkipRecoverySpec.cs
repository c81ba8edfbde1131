using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Persistence.Storage;
using PersistenceExtension = Orchestrator.Runtime.Persistence.Persistence;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>A name registry entity whose <c>Claim</c> can only succeed on a new entity, so it skips recovery for it.</summary>
public static class ClaimActors
{
    public sealed record Claim(string Owner);
    public sealed record Claimed(string Owner);
    public sealed record Released;
    public sealed record Release;
    public sealed record GetOwner;
    public sealed record Owner(string? Name, long LastSequenceNr);
    public sealed record Refused(string Reason);
    public sealed record DeleteEvents(long ToSequenceNr);

    public static void Register(ActorSystem system)
    {
        system.Serialization.Register<Claimed>("test-claimed/v1");
        system.Serialization.Register<Released>("test-released/v1");
    }

    /// <summary>
    /// Owned by at most one owner. <c>Claim</c> persists Claimed when free (from the persist handler it answers
    /// <see cref="Owner"/>), and answers Refused when owned; an empty owner is refused whatever the state (a
    /// validation error). Each RecoveryCompleted is reported to the probe with the state it ends in.
    /// </summary>
    public sealed class ClaimActor : ReceivePersistentActor
    {
        private string? _owner;

        public ClaimActor(string id, IActorRef recoveryProbe)
        {
            PersistenceId = id;
            Recover<Claimed>(e => _owner = e.Owner);
            Recover<Released>(_ => _owner = null);
            Recover<RecoveryCompleted>(_ => recoveryProbe.Tell(new Owner(_owner, LastSequenceNr), Self));
            Command<Claim>(c =>
            {
                if (c.Owner.Length == 0) Sender.Tell(new Refused("an owner is required"), Self);
                else if (_owner is not null) Sender.Tell(new Refused($"owned by {_owner}"), Self);
                else Persist(new Claimed(c.Owner), e => { _owner = e.Owner; Sender.Tell(new Owner(_owner, LastSequenceNr), Self); });
            });
            Command<Release>(_ => Persist(new Released(), _ => { _owner = null; Sender.Tell(new Owner(null, LastSequenceNr), Self); }));
            Command<GetOwner>(_ => Sender.Tell(new Owner(_owner, LastSequenceNr), Self));
            Command<DeleteEvents>(d => DeleteMessages(d.ToSequenceNr));
            Command<DeleteMessagesSuccess>(s => recoveryProbe.Tell(s, Self));
        }

        public override string PersistenceId { get; }

        protected override Predicate<object>? SkipsRecoveryFor => static m => m is Claim;
    }
}

/// <summary>
/// An entity that skips recovery for a create-like command: right when new, and when the guess is wrong (the entity
/// has events, or had them and they were deleted) the journal refuses the write, the entity recovers and answers
/// from its real state, and nothing is lost or duplicated. Run against each journal backend by the classes at the end.
/// </summary>
public abstract class SkipRecoveryContract : TestKit.TestKit
{
    private readonly TestKit.TestProbe _recoveries;

    protected SkipRecoveryContract(string backendConfig) : base(backendConfig)
    {
        ClaimActors.Register(Sys);
        _recoveries = CreateTestProbe();
    }

    private IActorRef Start(string id) => Sys.ActorOf(Props.Create(() => new ClaimActors.ClaimActor(id, _recoveries.Ref)));

    private void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);
    }

    /// <summary>An entity with one Claimed event by <paramref name="owner"/>, stopped.</summary>
    private void Existing(string id, string owner)
    {
        var first = Start(id);
        first.Tell(new ClaimActors.Claim(owner), TestActor);
        Assert.Equal(new ClaimActors.Owner(owner, 1), ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner(null, 0), _recoveries.ExpectMsg<ClaimActors.Owner>());
        StopAndWait(first);
    }

    [Fact]
    public void A_new_entity_handles_its_create_at_once_and_sees_recovery_completed_once()
    {
        var actor = Start("claim-1");
        actor.Tell(new ClaimActors.Claim("ann"), TestActor);

        Assert.Equal(new ClaimActors.Owner("ann", 1), ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner(null, 0), _recoveries.ExpectMsg<ClaimActors.Owner>());
        actor.Tell(new ClaimActors.GetOwner(), TestActor);
        Assert.Equal(new ClaimActors.Owner("ann", 1), ExpectMsg<ClaimActors.Owner>());
        _recoveries.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_create_for_an_entity_with_events_recovers_and_answers_from_the_real_state()
    {
        Existing("claim-2", "ann");

        var again = Start("claim-2");
        again.Tell(new ClaimActors.Claim("bob"), TestActor);

        Assert.Equal(new ClaimActors.Refused("owned by ann"), ExpectMsg<ClaimActors.Refused>());
        Assert.Equal(new ClaimActors.Owner("ann", 1), _recoveries.ExpectMsg<ClaimActors.Owner>());
        _recoveries.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        // The refused guess left nothing behind: one event, and the entity goes on at the next sequence number.
        again.Tell(new ClaimActors.Release(), TestActor);
        Assert.Equal(new ClaimActors.Owner(null, 2), ExpectMsg<ClaimActors.Owner>());
        StopAndWait(again);
        Start("claim-2").Tell(new ClaimActors.GetOwner(), TestActor);
        Assert.Equal(new ClaimActors.Owner(null, 2), ExpectMsg<ClaimActors.Owner>());
    }

    [Fact]
    public void Commands_behind_a_wrong_guess_are_handled_after_it_in_order()
    {
        Existing("claim-3", "ann");

        var again = Start("claim-3");
        again.Tell(new ClaimActors.Claim("bob"), TestActor);
        again.Tell(new ClaimActors.Release(), TestActor);
        again.Tell(new ClaimActors.Claim("carl"), TestActor);
        again.Tell(new ClaimActors.GetOwner(), TestActor);

        Assert.Equal(new ClaimActors.Refused("owned by ann"), ExpectMsg<ClaimActors.Refused>());
        Assert.Equal(new ClaimActors.Owner(null, 2), ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner("carl", 3), ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner("carl", 3), ExpectMsg<ClaimActors.Owner>());
    }

    [Fact]
    public void A_create_after_the_events_were_deleted_continues_at_the_next_sequence_number()
    {
        var first = Start("claim-4");
        first.Tell(new ClaimActors.Claim("ann"), TestActor);
        ExpectMsg<ClaimActors.Owner>();
        Assert.Equal(new ClaimActors.Owner(null, 0), _recoveries.ExpectMsg<ClaimActors.Owner>());
        first.Tell(new ClaimActors.Release(), TestActor);
        Assert.Equal(new ClaimActors.Owner(null, 2), ExpectMsg<ClaimActors.Owner>());
        first.Tell(new ClaimActors.DeleteEvents(2), TestActor);
        Assert.Equal(2, _recoveries.ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr);
        StopAndWait(first);

        var again = Start("claim-4");
        again.Tell(new ClaimActors.Claim("bob"), TestActor);

        // Event 1 was deleted, not free: the journal refuses it, and the claim lands after the deleted events.
        Assert.Equal(new ClaimActors.Owner("bob", 3), ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner(null, 2), _recoveries.ExpectMsg<ClaimActors.Owner>());
    }

    [Fact]
    public void A_first_message_it_does_not_skip_for_starts_the_usual_recovery()
    {
        Existing("claim-5", "ann");

        Start("claim-5").Tell(new ClaimActors.GetOwner(), TestActor);

        Assert.Equal(new ClaimActors.Owner("ann", 1), _recoveries.ExpectMsg<ClaimActors.Owner>());
        Assert.Equal(new ClaimActors.Owner("ann", 1), ExpectMsg<ClaimActors.Owner>());
    }

    [Fact]
    public void An_answer_that_persists_nothing_keeps_the_next_command_unverified_and_correct()
    {
        Existing("claim-6", "ann");

        var again = Start("claim-6");
        again.Tell(new ClaimActors.Claim(""), TestActor);
        again.Tell(new ClaimActors.Claim("bob"), TestActor);

        Assert.Equal(new ClaimActors.Refused("an owner is required"), ExpectMsg<ClaimActors.Refused>());
        Assert.Equal(new ClaimActors.Refused("owned by ann"), ExpectMsg<ClaimActors.Refused>());
        Assert.Equal(new ClaimActors.Owner("ann", 1), _recoveries.ExpectMsg<ClaimActors.Owner>());
    }
}

public sealed class MemorySkipRecoverySpec() : SkipRecoveryContract(PersistenceBackends.Memory());

public sealed class SqliteSkipRecoverySpec() : SkipRecoveryContract(PersistenceBackends.Sqlite());

public sealed class PostgresSkipRecoverySpec(Storage.PostgresStorageFixture fixture)
    : SkipRecoveryContract(PersistenceBackends.Postgres(fixture)), IClassFixture<Storage.PostgresStorageFixture>;

/// <summary>What skipping saves: a new entity's create costs the journal no recovery query at all.</summary>
public sealed class SkipRecoveryCostSpec : TestKit.TestKit
{
    private readonly CountingJournalStorage _journal = new(new MemoryJournalStorage());

    public SkipRecoveryCostSpec() : base(TestPersistentActors.MemoryConfig)
    {
        ClaimActors.Register(Sys);
        PersistenceExtension.Use(Sys, _journal, new MemorySnapshotStorage());
    }

    [Fact]
    public void Creates_of_new_entities_make_no_recovery_and_a_wrong_guess_makes_exactly_one()
    {
        var probe = CreateTestProbe();
        for (var i = 0; i < 20; i++)
        {
            var id = $"cost-{i}";
            Sys.ActorOf(Props.Create(() => new ClaimActors.ClaimActor(id, probe.Ref))).Tell(new ClaimActors.Claim("ann"), TestActor);
        }
        ReceiveN(20);
        Assert.Equal(0, _journal.Recoveries);
        Assert.Equal(20, _journal.Writes);

        var again = Sys.ActorOf(Props.Create(() => new ClaimActors.ClaimActor("cost-0", probe.Ref)));
        again.Tell(new ClaimActors.Claim("bob"), TestActor);
        ExpectMsg<ClaimActors.Refused>();
        Assert.Equal(1, _journal.Recoveries);
    }
}
