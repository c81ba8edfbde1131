using Orchestrator.Runtime.Persistence.Storage;
using static Orchestrator.Runtime.Tests.Persistence.TestPersistentActors;
using PersistenceExtension = Orchestrator.Runtime.Persistence.Persistence;

namespace Orchestrator.Runtime.Tests.Persistence;

public sealed class GroupCommitSpec : TestKit.TestKit
{
    private readonly CountingJournalStorage _journal = new(new MemoryJournalStorage());

    public GroupCommitSpec() : base(MemoryConfig)
    {
        Register(Sys);
        PersistenceExtension.Use(Sys, _journal, new MemorySnapshotStorage());
    }

    [Fact]
    public void A_thousand_actors_persisting_at_once_share_far_fewer_transactions()
    {
        const int actors = 1000;
        var refs = Enumerable.Range(0, actors).Select(i => Sys.ActorOf(Props.Create(() => new ListActor($"gc-{i}", null)))).ToList();
        foreach (var r in refs) r.Tell(new Add("x"), TestActor);
        var acks = ReceiveN(actors, TimeSpan.FromSeconds(20)).Cast<Ack>().ToList();

        Assert.All(acks, a => Assert.Equal(1, a.SequenceNr));
        Assert.Equal(actors, _journal.Writes);
        Assert.True(_journal.Batches < actors / 5, $"expected group commit, got {_journal.Batches} transactions for {actors} writes");
    }

    [Fact]
    public void Using_other_storages_after_persistence_started_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PersistenceExtension.Use(Sys, new MemoryJournalStorage(), new MemorySnapshotStorage()));
        Assert.Contains("already in use", e.Message);
    }
}
