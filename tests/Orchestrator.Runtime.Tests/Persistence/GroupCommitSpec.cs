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
    public void A_thousand_actors_recovering_at_once_each_get_their_own_events_from_far_fewer_queries()
    {
        const int actors = 1000;
        var first = Enumerable.Range(0, actors).Select(i => Sys.ActorOf(Props.Create(() => new ListActor($"rc-{i}", null)))).ToList();
        for (var i = 0; i < actors; i++)
            for (var j = 0; j <= i % 3; j++) first[i].Tell(new Add($"{i}.{j}"), TestActor);
        ReceiveN(Enumerable.Range(0, actors).Sum(i => i % 3 + 1), TimeSpan.FromSeconds(30));
        foreach (var r in first) Watch(r);
        foreach (var r in first) Sys.Stop(r);
        ReceiveN(actors, TimeSpan.FromSeconds(30));
        var queriesBefore = _journal.RecoveryQueries;
        var recoveriesBefore = _journal.Recoveries;

        var again = Enumerable.Range(0, actors).Select(i => Sys.ActorOf(Props.Create(() => new ListActor($"rc-{i}", null)))).ToList();
        for (var i = 0; i < actors; i++) again[i].Tell(new GetState(), TestActor);
        var states = ReceiveN(actors, TimeSpan.FromSeconds(30)).Cast<State>().ToList();

        // Replies arrive in any order; each actor's items name it, so each state is checked against its own history.
        Assert.All(states, state =>
        {
            var i = int.Parse(state.Items[0].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, i % 3 + 1).Select(j => $"{i}.{j}"), state.Items);
            Assert.Equal(i % 3 + 1, state.LastSequenceNr);
        });
        Assert.Equal(actors, states.Select(s => s.Items[0]).Distinct().Count());
        Assert.Equal(actors, _journal.Recoveries - recoveriesBefore);
        var queries = _journal.RecoveryQueries - queriesBefore;
        Assert.True(queries < actors / 5, $"expected batched recovery, got {queries} queries for {actors} recoveries");
    }

    [Fact]
    public void Using_other_storages_after_persistence_started_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PersistenceExtension.Use(Sys, new MemoryJournalStorage(), new MemorySnapshotStorage()));
        Assert.Contains("already in use", e.Message);
    }
}
