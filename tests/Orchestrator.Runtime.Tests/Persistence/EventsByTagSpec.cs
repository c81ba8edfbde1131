using Orchestrator.Runtime.Persistence.Query;
using static Orchestrator.Runtime.Tests.Persistence.TestPersistentActors;
using PersistenceExtension = Orchestrator.Runtime.Persistence.Persistence;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>Queries by tag, run against each journal backend by the classes at the end.</summary>
public abstract class EventsByTagContract : TestKit.TestKit
{
    protected EventsByTagContract(string backendConfig) : base(backendConfig + "\norchestrator.persistence.query.poll-interval = 30s") => Register(Sys);

    private ReadJournal Query => PersistenceExtension.Get(Sys).Query;

    private IActorRef Start(string id) => Sys.ActorOf(Props.Create(() => new ListActor(id, null)));

    [Fact]
    public async Task Current_events_by_tag_returns_committed_events_in_ordering_order_and_ends()
    {
        var a = Start("tag-a");
        var b = Start("tag-b");
        a.Tell(new Add("a1"), TestActor);
        ExpectMsg<Ack>();
        b.Tell(new Add("b1"), TestActor);
        ExpectMsg<Ack>();
        a.Tell(new Add("a2"), TestActor);
        ExpectMsg<Ack>();

        var events = await Query.CurrentEventsByTag("items").ToListAsync();
        Assert.Equal(["a1", "b1", "a2"], events.Select(e => ((Added)e.Event).Item));
        Assert.Equal(events.Select(e => e.Offset).Order(), events.Select(e => e.Offset));
        var fromSecond = await Query.CurrentEventsByTag("items", events[0].Offset).ToListAsync();
        Assert.Equal(["b1", "a2"], fromSecond.Select(e => ((Added)e.Event).Item));
    }

    [Fact]
    public async Task A_live_stream_sees_local_writes_without_waiting_for_the_poll_interval()
    {
        using var cts = new CancellationTokenSource(Dilated(TimeSpan.FromSeconds(10)));
        var stream = Query.EventsByTag("items", 0, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = stream.MoveNextAsync().AsTask();
        Start("live-1").Tell(new Add("first"), TestActor);
        ExpectMsg<Ack>();
        // The poll interval is 30 s: arriving well within the deadline proves the in-process wake-up.
        Assert.True(await next);
        Assert.Equal("first", ((Added)stream.Current.Event).Item);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task A_watcher_starting_at_a_lists_offset_sees_exactly_the_later_events_under_concurrent_writers()
    {
        const int writers = 20, perWriter = 25;
        var refs = Enumerable.Range(0, writers).Select(i => Start($"cw-{i}")).ToList();
        for (var i = 0; i < writers; i++) refs[i].Tell(new Add($"cw-{i}-before"), TestActor);
        ReceiveN(writers);

        var listOffset = await Query.HighestOffsetAsync();
        var listed = await Query.CurrentEventsByTag("items").ToListAsync();
        Assert.Equal(writers, listed.Count);
        Assert.Equal(listOffset, listed[^1].Offset);

        using var cts = new CancellationTokenSource(Dilated(TimeSpan.FromSeconds(30)));
        var watched = new List<EventEnvelope>();
        var watcher = Task.Run(async () =>
        {
            await foreach (var e in Query.EventsByTag("items", listOffset, cts.Token))
            {
                watched.Add(e);
                if (watched.Count == writers * perWriter) break;
            }
        });
        for (var n = 0; n < perWriter; n++)
            for (var i = 0; i < writers; i++) refs[i].Tell(new Add($"cw-{i}-{n}"), TestActor);
        ReceiveN(writers * perWriter, TimeSpan.FromSeconds(20));
        await watcher;

        Assert.Equal(writers * perWriter, watched.Count);
        Assert.Equal(watched.Count, watched.Select(e => e.Offset).Distinct().Count());
        Assert.Equal(watched.Select(e => e.Offset).Order(), watched.Select(e => e.Offset));
        Assert.All(watched, e => Assert.True(e.Offset > listOffset));
        for (var i = 0; i < writers; i++)
        {
            var own = watched.Where(e => e.PersistenceId == $"cw-{i}").Select(e => ((Added)e.Event).Item).ToList();
            Assert.Equal(Enumerable.Range(0, perWriter).Select(n => $"cw-{i}-{n}"), own);
        }
    }

    [Fact]
    public async Task Events_by_persistence_id_and_persistence_ids_report_what_was_written()
    {
        var actor = Start("pid-1");
        actor.Tell(new AddMany(["a", "b", "c"]), TestActor);
        ReceiveN(3);
        var events = await Query.CurrentEventsByPersistenceId("pid-1", 2).ToListAsync();
        Assert.Equal([2L, 3L], events.Select(e => e.SequenceNr));
        Assert.Contains("pid-1", await Query.CurrentPersistenceIds().ToListAsync());
    }
}

public sealed class MemoryEventsByTagSpec() : EventsByTagContract(PersistenceBackends.Memory());

public sealed class SqliteEventsByTagSpec() : EventsByTagContract(PersistenceBackends.Sqlite());

public sealed class PostgresEventsByTagSpec(Storage.PostgresStorageFixture fixture)
    : EventsByTagContract(PersistenceBackends.Postgres(fixture)), IClassFixture<Storage.PostgresStorageFixture>;
