using System.Collections.Concurrent;
using Orchestrator.Runtime.Persistence.Storage;
using static Orchestrator.Runtime.Tests.Persistence.Storage.TestEvents;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>
/// The contract of <see cref="IJournalStorage"/> and <see cref="ISnapshotStorage"/>, run against every
/// backend by a derived class. The tests of one class share one store, so each uses persistence ids
/// and tags of its own and measures global positions (orderings) from a baseline taken at its start.
/// </summary>
public abstract class JournalStorageContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>The journal most tests use.</summary>
    protected IJournalStorage Journal { get; private set; } = null!;

    /// <summary>The snapshot store the snapshot tests use.</summary>
    protected ISnapshotStorage Snapshots { get; private set; } = null!;

    /// <summary>A new instance over the class's store: its own connections, like another process.</summary>
    protected abstract IJournalStorage NewJournalInstance();

    /// <summary>A new snapshot store instance over the class's store.</summary>
    protected abstract ISnapshotStorage NewSnapshotInstance();

    /// <summary>A journal over a store of its own that nothing has written to yet (not initialized).</summary>
    protected abstract IJournalStorage NewEmptyJournal();

    /// <summary>Disposes <paramref name="disposable"/> when the test ends.</summary>
    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Journal = Own(NewJournalInstance());
        await Journal.InitializeAsync();
        Snapshots = Own(NewSnapshotInstance());
        await Snapshots.InitializeAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_owned)) await disposable.DisposeAsync();
    }

    // ------------------------------------------------------------------ writes and replay

    [Fact]
    public async Task Written_events_replay_in_sequence_order_with_every_field_and_their_orderings()
    {
        var pid = NewId("replay");
        var e1 = NewEvent(pid, 1, tags: ["kind:Pod", "ns:default"]);
        var e2 = NewEvent(pid, 2);
        var e3 = NewEvent(pid, 3, tags: ["kind:Pod"]);
        var e4 = NewEvent(pid, 4, writerId: "writer-2");

        var results = await Journal.WriteAsync([Write(e1), Write(e2, e3), Write(e4)]);

        Assert.Equal(3, results.Count);
        Assert.Single(results[0].Orderings);
        Assert.Equal(2, results[1].Orderings.Count);
        var orderings = AssertAllSucceeded(results);
        var replayed = await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(4, replayed.Count);
        PersistentRepr[] expected = [e1, e2, e3, e4];
        for (var i = 0; i < expected.Length; i++) AssertSameEvent(expected[i], replayed[i], orderings[i]);
    }

    [Fact]
    public async Task Orderings_strictly_increase_within_and_across_batches()
    {
        var a = NewId("order-a");
        var b = NewId("order-b");
        var before = await Journal.HighestOrderingAsync();

        var first = await WriteAll(Journal, Write(NewEvent(a, 1), NewEvent(a, 2)), Write(NewEvent(b, 1)));
        var second = await WriteAll(Journal, Write(NewEvent(b, 2)), Write(NewEvent(a, 3), NewEvent(a, 4), NewEvent(a, 5)));

        long[] all = [.. first, .. second];
        Assert.True(all[0] > before, $"first ordering {all[0]} is not above the previous highest {before}");
        for (var i = 1; i < all.Length; i++) Assert.True(all[i] > all[i - 1], $"orderings not increasing: {string.Join(", ", all)}");
        Assert.Equal(all[^1], await Journal.HighestOrderingAsync());
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing()
    {
        var before = await Journal.HighestOrderingAsync();
        Assert.Empty(await Journal.WriteAsync([]));
        Assert.Equal(before, await Journal.HighestOrderingAsync());
    }

    [Fact]
    public async Task Payloads_round_trip_byte_for_byte_including_empty_ones()
    {
        var pid = NewId("payload");
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var withBinary = NewEvent(pid, 1) with { Payload = binary };
        var withEmpty = NewEvent(pid, 2) with { Payload = [] };
        await WriteAll(Journal, Write(withBinary), Write(withEmpty));

        var replayed = await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue));

        Assert.Equal(binary, replayed[0].Payload);
        Assert.Empty(replayed[1].Payload);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_AtomicWrite_is_all_or_nothing(long collidingSequenceNr)
    {
        var pid = NewId("atomic");
        var original = NewEvent(pid, collidingSequenceNr, writerId: "first");
        await WriteAll(Journal, Write(original));

        // The other two events are fine on their own; one collides, so none of the three may stay.
        var results = await Journal.WriteAsync(
        [
            Write(NewEvent(pid, 1, "second"), NewEvent(pid, 2, "second"), NewEvent(pid, 3, "second")),
            Write(NewEvent(NewId("atomic-bystander"), 1)),
        ]);

        Assert.False(results[0].Succeeded);
        Assert.Empty(results[0].Orderings);
        var duplicate = Assert.IsType<DuplicateSequenceNumberException>(results[0].Error);
        Assert.Equal(pid, duplicate.PersistenceId);
        Assert.Equal(collidingSequenceNr, duplicate.SequenceNr);
        Assert.True(results[1].Succeeded, $"{results[1].Error}");
        var replayed = await Collect(Journal.ReplayAsync(pid, 0, long.MaxValue, long.MaxValue));
        var only = Assert.Single(replayed);
        Assert.Equal("first", only.WriterId);
        Assert.Equal(original.Payload, only.Payload);
    }

    [Fact]
    public async Task A_duplicate_fails_only_its_own_write_and_the_rest_of_the_batch_succeeds()
    {
        var taken = NewId("dup-taken");
        var other = NewId("dup-other");
        var third = NewId("dup-third");
        await WriteAll(Journal, Write(NewEvent(taken, 1, "earlier")));

        var results = await Journal.WriteAsync(
        [
            Write(NewEvent(other, 1)),
            Write(NewEvent(taken, 1, "later")),
            Write(NewEvent(third, 1), NewEvent(third, 2)),
            Write(NewEvent(taken, 2)),
        ]);

        Assert.Equal(4, results.Count);
        Assert.True(results[0].Succeeded, $"{results[0].Error}");
        var duplicate = Assert.IsType<DuplicateSequenceNumberException>(results[1].Error);
        Assert.Equal((taken, 1L), (duplicate.PersistenceId, duplicate.SequenceNr));
        Assert.Empty(results[1].Orderings);
        Assert.True(results[2].Succeeded, $"{results[2].Error}");
        Assert.True(results[3].Succeeded, $"{results[3].Error}");
        long[] orderings = [.. results[0].Orderings, .. results[2].Orderings, .. results[3].Orderings];
        Assert.Equal(orderings.Order(), orderings);
        Assert.Equal(orderings.Length, orderings.Distinct().Count());

        var takenEvents = await Collect(Journal.ReplayAsync(taken, 1, long.MaxValue, long.MaxValue));
        Assert.Equal([1L, 2L], takenEvents.Select(e => e.SequenceNr));
        Assert.Equal("earlier", takenEvents[0].WriterId);
        Assert.Equal(2, (await Collect(Journal.ReplayAsync(third, 1, long.MaxValue, long.MaxValue))).Count);
        Assert.Single(await Collect(Journal.ReplayAsync(other, 1, long.MaxValue, long.MaxValue)));
    }

    [Fact]
    public async Task Two_writes_of_the_same_sequence_number_in_one_batch_keep_the_first()
    {
        var pid = NewId("dup-in-batch");

        var results = await Journal.WriteAsync([Write(NewEvent(pid, 1, "a")), Write(NewEvent(pid, 1, "b")), Write(NewEvent(pid, 2, "a"))]);

        Assert.True(results[0].Succeeded, $"{results[0].Error}");
        Assert.IsType<DuplicateSequenceNumberException>(results[1].Error);
        Assert.True(results[2].Succeeded, $"{results[2].Error}");
        var replayed = await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(["a", "a"], replayed.Select(e => e.WriterId));
    }

    [Fact]
    public async Task Two_writers_racing_for_the_same_sequence_number_exactly_one_wins()
    {
        var rival = Own(NewJournalInstance());
        await rival.InitializeAsync();

        for (var round = 0; round < 20; round++)
        {
            var pid = NewId("race");
            var mine = Task.Run(() => Journal.WriteAsync([Write(NewEvent(pid, 1, "writer-a"))]));
            var theirs = Task.Run(() => rival.WriteAsync([Write(NewEvent(pid, 1, "writer-b"))]));
            var results = await Task.WhenAll(mine, theirs);

            var outcomes = results.Select(r => Assert.Single(r)).ToArray();
            Assert.Equal(1, outcomes.Count(o => o.Succeeded));
            var loser = outcomes.Single(o => !o.Succeeded);
            var duplicate = Assert.IsType<DuplicateSequenceNumberException>(loser.Error);
            Assert.Equal((pid, 1L), (duplicate.PersistenceId, duplicate.SequenceNr));
            var winner = outcomes[0].Succeeded ? "writer-a" : "writer-b";
            var stored = Assert.Single(await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));
            Assert.Equal(winner, stored.WriterId);
        }
    }

    // ------------------------------------------------------------------ highest sequence number and deletes

    [Fact]
    public async Task Highest_sequence_number_survives_deletes()
    {
        var pid = NewId("highest");
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(pid));
        await WriteAll(Journal, Writes(pid, 1, 5));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));

        await Journal.DeleteMessagesToAsync(pid, 3);
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));
        Assert.Equal([4L, 5L], (await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));

        await Journal.DeleteMessagesToAsync(pid, 5);
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));
        Assert.Empty(await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));

        // A second instance (another process) sees the same, and the id keeps counting from there.
        var other = Own(NewJournalInstance());
        Assert.Equal(5, await other.ReadHighestSequenceNrAsync(pid));
        await WriteAll(other, Write(NewEvent(pid, 6)));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync(pid));
        Assert.Equal([6L], (await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_deleted_sequence_number_cannot_be_written_again()
    {
        var pid = NewId("deleted-dup");
        await WriteAll(Journal, Writes(pid, 1, 4));
        await Journal.DeleteMessagesToAsync(pid, 3);

        var results = await Journal.WriteAsync([Write(NewEvent(pid, 2, "stale-writer")), Write(NewEvent(pid, 5))]);

        var duplicate = Assert.IsType<DuplicateSequenceNumberException>(results[0].Error);
        Assert.Equal((pid, 2L), (duplicate.PersistenceId, duplicate.SequenceNr));
        Assert.True(results[1].Succeeded, $"{results[1].Error}");
        Assert.Equal([4L, 5L], (await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Replay_honours_from_to_max_and_deletions()
    {
        var pid = NewId("range");
        await WriteAll(Journal, Writes(pid, 1, 10));

        async Task<List<long>> Replay(long from, long to, long max) =>
            [.. (await Collect(Journal.ReplayAsync(pid, from, to, max))).Select(e => e.SequenceNr)];

        Assert.Equal([3L, 4L, 5L, 6L, 7L], await Replay(3, 7, long.MaxValue));
        Assert.Equal([3L, 4L], await Replay(3, 7, 2));
        Assert.Equal([10L], await Replay(10, 10, 5));
        Assert.Empty(await Replay(11, long.MaxValue, long.MaxValue));
        Assert.Empty(await Replay(1, 10, 0));
        Assert.Empty(await Replay(7, 3, long.MaxValue));
        Assert.Empty(await Collect(Journal.ReplayAsync(NewId("unknown"), 1, long.MaxValue, long.MaxValue)));

        await Journal.DeleteMessagesToAsync(pid, 4);
        Assert.Equal([5L, 6L, 7L], await Replay(1, 7, long.MaxValue));
        Assert.Equal([5L, 6L], await Replay(3, 10, 2));
    }

    [Fact]
    public async Task RecoverMany_gives_each_id_what_replay_and_highest_sequence_number_give()
    {
        var full = NewId("recover-full");
        var fromSnapshot = NewId("recover-from");
        var deleted = NewId("recover-deleted");
        var none = NewId("recover-none");
        var tagged = NewEvent(full, 2, tags: ["kind:Pod", "ns:default"]);
        var orderings = AssertAllSucceeded(await Journal.WriteAsync([Write(NewEvent(full, 1)), Write(tagged, NewEvent(full, 3))]));
        await WriteAll(Journal, Writes(fromSnapshot, 1, 6));
        await WriteAll(Journal, Writes(deleted, 1, 4));
        await Journal.DeleteMessagesToAsync(deleted, 4);

        var results = await Journal.RecoverManyAsync([
            new RecoveryQuery(full, 1), new RecoveryQuery(fromSnapshot, 5), new RecoveryQuery(deleted, 1),
            new RecoveryQuery(none, 1), new RecoveryQuery(fromSnapshot, 2),
        ]);

        Assert.Equal(5, results.Count);
        Assert.Equal([1L, 2L, 3L], results[0].Events.Select(e => e.SequenceNr));
        AssertSameEvent(tagged, results[0].Events[1], orderings[1]);
        Assert.Equal(3, results[0].HighestSequenceNr);
        Assert.Equal([5L, 6L], results[1].Events.Select(e => e.SequenceNr));
        Assert.Equal(6, results[1].HighestSequenceNr);
        Assert.Empty(results[2].Events);
        Assert.Equal(4, results[2].HighestSequenceNr);
        Assert.Empty(results[3].Events);
        Assert.Equal(0, results[3].HighestSequenceNr);
        // The same id twice in one batch: each query gets its own range.
        Assert.Equal([2L, 3L, 4L, 5L, 6L], results[4].Events.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Replay_and_queries_stream_results_larger_than_any_page()
    {
        const int count = 1_234;
        var pid = NewId("large");
        var tag = NewId("large-tag");
        var before = await Journal.HighestOrderingAsync();
        for (var from = 1; from <= count; from += 100)
            await WriteAll(Journal, Writes(pid, from, Math.Min(from + 99, count), tag));

        var replayed = await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), replayed.Select(e => e.SequenceNr));
        var limited = await Collect(Journal.ReplayAsync(pid, 2, long.MaxValue, 1_001));
        Assert.Equal(Enumerable.Range(2, 1_001).Select(i => (long)i), limited.Select(e => e.SequenceNr));

        var tagged = await Collect(Journal.EventsByTagAsync(tag, before, long.MaxValue, int.MaxValue));
        Assert.Equal(replayed.Select(e => e.Ordering), tagged.Select(e => e.Ordering));
        var all = await Collect(Journal.AllEventsAsync(before, long.MaxValue, 1_100));
        Assert.Equal(replayed.Take(1_100).Select(e => e.Ordering), all.Select(e => e.Ordering));
    }

    // ------------------------------------------------------------------ global queries

    [Fact]
    public async Task EventsByTag_honours_exclusive_from_inclusive_to_max_and_deletions()
    {
        var tag = NewId("tag");
        var otherTag = NewId("other-tag");
        var a = NewId("tagged-a");
        var b = NewId("tagged-b");
        var before = await Journal.HighestOrderingAsync();
        var orderings = await WriteAll(Journal,
            Write(NewEvent(a, 1, tags: [tag])),
            Write(NewEvent(b, 1, tags: [otherTag])),
            Write(NewEvent(a, 2, tags: [tag, otherTag]), NewEvent(a, 3)),
            Write(NewEvent(b, 2, tags: [tag])),
            Write(NewEvent(a, 4, tags: [tag])));
        // orderings: a1, b1, a2, a3, b2, a4; with the tag: a1, a2, b2, a4
        long[] withTag = [orderings[0], orderings[2], orderings[4], orderings[5]];

        async Task<List<long>> ByTag(string t, long from, long to, int max) =>
            [.. (await Collect(Journal.EventsByTagAsync(t, from, to, max))).Select(e => e.Ordering)];

        Assert.Equal(withTag, await ByTag(tag, before, long.MaxValue, 100));
        Assert.Equal(withTag[1..], await ByTag(tag, withTag[0], long.MaxValue, 100));
        Assert.Equal(withTag[..3], await ByTag(tag, before, withTag[2], 100));
        Assert.Equal(withTag[1..3], await ByTag(tag, withTag[0], withTag[2], 100));
        Assert.Equal(withTag[..2], await ByTag(tag, before, long.MaxValue, 2));
        Assert.Empty(await ByTag(tag, withTag[3], long.MaxValue, 100));
        Assert.Empty(await ByTag(tag, before, long.MaxValue, 0));
        Assert.Empty(await ByTag(NewId("no-such-tag"), 0, long.MaxValue, 100));
        Assert.Equal([orderings[1], orderings[2]], await ByTag(otherTag, before, long.MaxValue, 100));

        var both = (await Collect(Journal.EventsByTagAsync(otherTag, orderings[1], long.MaxValue, 100))).Single();
        Assert.Equal((a, 2L), (both.PersistenceId, both.SequenceNr));
        Assert.Equal(new[] { otherTag, tag }.Order(StringComparer.Ordinal), both.Tags.Order(StringComparer.Ordinal));

        await Journal.DeleteMessagesToAsync(a, 2);
        Assert.Equal([orderings[4], orderings[5]], await ByTag(tag, before, long.MaxValue, 100));
        Assert.Equal([orderings[1]], await ByTag(otherTag, before, long.MaxValue, 100));
    }

    [Fact]
    public async Task AllEvents_honours_exclusive_from_inclusive_to_max_and_deletions()
    {
        var a = NewId("all-a");
        var b = NewId("all-b");
        var before = await Journal.HighestOrderingAsync();
        var orderings = await WriteAll(Journal, Write(NewEvent(a, 1)), Write(NewEvent(b, 1, tags: ["x"])), Write(NewEvent(a, 2), NewEvent(a, 3)), Write(NewEvent(b, 2)));

        async Task<List<long>> All(long from, long to, int max) =>
            [.. (await Collect(Journal.AllEventsAsync(from, to, max))).Select(e => e.Ordering)];

        Assert.Equal(orderings, await All(before, long.MaxValue, 100));
        Assert.Equal(orderings[1..], await All(orderings[0], long.MaxValue, 100));
        Assert.Equal(orderings[..3], await All(before, orderings[2], 100));
        Assert.Equal(orderings[..2], await All(before, long.MaxValue, 2));
        Assert.Empty(await All(orderings[^1], long.MaxValue, 100));
        Assert.Empty(await All(before, long.MaxValue, 0));
        var events = await Collect(Journal.AllEventsAsync(before, long.MaxValue, 100));
        Assert.Equal([(a, 1L), (b, 1L), (a, 2L), (a, 3L), (b, 2L)], events.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Equal(["x"], events[1].Tags);

        await Journal.DeleteMessagesToAsync(a, 2);
        Assert.Equal([orderings[1], orderings[3], orderings[4]], await All(before, long.MaxValue, 100));
    }

    [Fact]
    public async Task HighestOrdering_is_zero_when_empty_and_then_the_last_assigned_ordering()
    {
        var empty = Own(NewEmptyJournal());
        await empty.InitializeAsync();
        Assert.Equal(0, await empty.HighestOrderingAsync());
        Assert.Empty(await Collect(empty.AllEventsAsync(0, long.MaxValue, 100)));
        Assert.Empty(await Collect(empty.PersistenceIdsAsync()));

        var orderings = await WriteAll(empty, Write(NewEvent(NewId("h"), 1)), Write(NewEvent(NewId("h"), 1)));
        Assert.Equal(orderings[^1], await empty.HighestOrderingAsync());
    }

    [Fact]
    public async Task HighestOrdering_does_not_go_back_when_the_newest_events_are_deleted()
    {
        var pid = NewId("newest");
        var orderings = await WriteAll(Journal, Writes(pid, 1, 3));
        Assert.Equal(orderings[^1], await Journal.HighestOrderingAsync());

        await Journal.DeleteMessagesToAsync(pid, 3);

        Assert.Equal(orderings[^1], await Journal.HighestOrderingAsync());
        Assert.Equal(orderings[^1], await Own(NewJournalInstance()).HighestOrderingAsync());
        var next = await WriteAll(Journal, Write(NewEvent(pid, 4)));
        Assert.True(next[0] > orderings[^1], $"ordering {next[0]} reused or below {orderings[^1]}");
    }

    [Fact]
    public async Task PersistenceIds_lists_every_id_once_also_when_all_its_events_are_deleted()
    {
        var a = NewId("ids-a");
        var b = NewId("ids-b");
        var gone = NewId("ids-gone");
        await WriteAll(Journal, Writes(a, 1, 3));
        await WriteAll(Journal, Writes(b, 1, 1));
        await WriteAll(Journal, Writes(gone, 1, 2));
        await Journal.DeleteMessagesToAsync(gone, long.MaxValue);

        var ids = await Collect(Journal.PersistenceIdsAsync());

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(a, ids);
        Assert.Contains(b, ids);
        Assert.Contains(gone, ids);
    }

    [Fact]
    public async Task InitializeAsync_is_idempotent()
    {
        var pid = NewId("init");
        await WriteAll(Journal, Write(NewEvent(pid, 1)));
        await Journal.InitializeAsync();
        await Snapshots.InitializeAsync();
        var again = Own(NewJournalInstance());
        await again.InitializeAsync();
        Assert.Single(await Collect(again.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));
    }

    // ------------------------------------------------------------------ concurrency and visibility

    /// <summary>
    /// The classic hazard of a database-assigned ordering: with concurrent transactions, ordering 11 can
    /// become visible before 10 commits, and a reader that has moved past 11 never sees 10. Eight writers
    /// with their own instances (own connections, like separate processes) append tagged events while a
    /// reader follows the tag from its last seen ordering up to HighestOrdering; it must see everything.
    /// </summary>
    [Fact]
    public async Task Concurrent_writers_never_make_a_tag_reader_skip_an_event()
    {
        const int writerCount = 8;
        const int batchesPerWriter = 30;
        var tag = NewId("concurrent");
        var before = await Journal.HighestOrderingAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var writers = new IJournalStorage[writerCount];
        for (var w = 0; w < writerCount; w++)
        {
            writers[w] = Own(NewJournalInstance());
            await writers[w].InitializeAsync(deadline.Token);
        }

        var progress = new SemaphoreSlim(0);
        var written = new ConcurrentDictionary<long, (string, long)>();
        var writing = Task.WhenAll(writers.Select((journal, w) => Task.Run(async () =>
        {
            var pid = NewId($"concurrent-{w}");
            var seq = 0L;
            for (var batch = 0; batch < batchesPerWriter; batch++)
            {
                // Batches of 1 to 3 AtomicWrites of 1 or 2 events: group commits of varying size.
                var writes = Enumerable.Range(0, 1 + batch % 3)
                    .Select(k => new AtomicWrite([.. Enumerable.Range(0, 1 + k % 2).Select(_ => NewEvent(pid, ++seq, $"writer-{w}", tag))]))
                    .ToArray();
                var results = await journal.WriteAsync(writes, deadline.Token);
                var orderings = AssertAllSucceeded(results);
                var events = writes.SelectMany(x => x.Events).ToArray();
                for (var i = 0; i < events.Length; i++) written[orderings[i]] = (events[i].PersistenceId, events[i].SequenceNr);
                progress.Release();
            }
        })));

        var seen = new List<PersistentRepr>();
        var last = before;
        async Task ReadNew()
        {
            var highest = await Journal.HighestOrderingAsync(deadline.Token);
            await foreach (var e in Journal.EventsByTagAsync(tag, last, highest, 10_000, deadline.Token))
            {
                Assert.True(e.Ordering > last, $"ordering {e.Ordering} arrived after {last}");
                seen.Add(e);
                last = e.Ordering;
            }
        }

        var reads = 0;
        while (!writing.IsCompleted)
        {
            // Each finished write wakes the reader, so it reads while other writes are in flight.
            await Task.WhenAny(progress.WaitAsync(deadline.Token), writing);
            await ReadNew();
            reads++;
        }
        await writing;
        await ReadNew();

        var expected = written.OrderBy(kv => kv.Key).ToArray();
        var missing = expected.Select(kv => kv.Key).Except(seen.Select(e => e.Ordering)).ToArray();
        Assert.True(missing.Length == 0,
            $"the reader skipped {missing.Length} of {expected.Length} events (orderings {string.Join(", ", missing.Take(20))}) in {reads} reads");
        Assert.Equal(expected.Select(kv => kv.Key), seen.Select(e => e.Ordering));
        Assert.Equal(expected.Select(kv => kv.Value), seen.Select(e => (e.PersistenceId, e.SequenceNr)));
    }

    // ------------------------------------------------------------------ snapshots

    private static SnapshotRepr Snapshot(string pid, long seq, long timestamp, string content = "state") =>
        new(pid, seq, timestamp, "test.State", System.Text.Encoding.UTF8.GetBytes($"{content}@{seq}"));

    [Fact]
    public async Task Snapshots_save_and_load_the_latest()
    {
        var pid = NewId("snap");
        Assert.Null(await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest));
        await Snapshots.SaveAsync(Snapshot(pid, 5, 100));
        await Snapshots.SaveAsync(Snapshot(pid, 10, 200));
        await Snapshots.SaveAsync(Snapshot(pid, 7, 300));
        await Snapshots.SaveAsync(Snapshot(NewId("snap-other"), 50, 100));

        var latest = await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest);

        Assert.NotNull(latest);
        Assert.Equal(pid, latest.PersistenceId);
        Assert.Equal(10, latest.SequenceNr);
        Assert.Equal(200, latest.Timestamp);
        Assert.Equal("test.State", latest.Manifest);
        Assert.Equal(Snapshot(pid, 10, 200).Payload, latest.Payload);
        Assert.Null(await Snapshots.LoadAsync(pid, SnapshotCriteria.None));
    }

    [Fact]
    public async Task Snapshots_load_latest_of_many_ids_in_their_order()
    {
        var a = NewId("snap-many-a");
        var b = NewId("snap-many-b");
        var none = NewId("snap-many-none");
        await Snapshots.SaveAsync(Snapshot(a, 3, 100));
        await Snapshots.SaveAsync(Snapshot(a, 9, 50));
        await Snapshots.SaveAsync(Snapshot(b, 4, 100, "b"));

        var loaded = await Snapshots.LoadLatestManyAsync([b, none, a, b]);

        Assert.Equal(4, loaded.Count);
        Assert.Equal((b, 4L), (loaded[0]!.PersistenceId, loaded[0]!.SequenceNr));
        Assert.Equal(Snapshot(b, 4, 100, "b").Payload, loaded[0]!.Payload);
        Assert.Null(loaded[1]);
        Assert.Equal((a, 9L), (loaded[2]!.PersistenceId, loaded[2]!.SequenceNr));
        Assert.Equal((b, 4L), (loaded[3]!.PersistenceId, loaded[3]!.SequenceNr));
    }

    [Fact]
    public async Task Snapshots_load_honours_criteria()
    {
        var pid = NewId("snap-criteria");
        await Snapshots.SaveAsync(Snapshot(pid, 5, 100));
        await Snapshots.SaveAsync(Snapshot(pid, 7, 150));
        await Snapshots.SaveAsync(Snapshot(pid, 10, 200));

        async Task<long?> Load(SnapshotCriteria criteria) => (await Snapshots.LoadAsync(pid, criteria))?.SequenceNr;

        Assert.Equal(7, await Load(new SnapshotCriteria(MaxSequenceNr: 9)));
        Assert.Equal(7, await Load(new SnapshotCriteria(MaxSequenceNr: 7)));
        Assert.Equal(5, await Load(new SnapshotCriteria(MaxTimestamp: 149)));
        Assert.Equal(10, await Load(new SnapshotCriteria(MinSequenceNr: 8)));
        Assert.Equal(7, await Load(new SnapshotCriteria(MaxSequenceNr: 9, MinTimestamp: 120)));
        Assert.Null(await Load(new SnapshotCriteria(MaxSequenceNr: 4)));
        Assert.Null(await Load(new SnapshotCriteria(MinTimestamp: 201)));
    }

    [Fact]
    public async Task Saving_a_snapshot_at_the_same_sequence_number_replaces_it()
    {
        var pid = NewId("snap-replace");
        await Snapshots.SaveAsync(Snapshot(pid, 3, 100, "old"));
        await Snapshots.SaveAsync(Snapshot(pid, 3, 120, "new"));

        var loaded = await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(120, loaded.Timestamp);
        Assert.Equal(Snapshot(pid, 3, 120, "new").Payload, loaded.Payload);
    }

    [Fact]
    public async Task Snapshots_delete_one_or_all_matching()
    {
        var pid = NewId("snap-delete");
        var other = NewId("snap-keep");
        foreach (var (seq, ts) in new[] { (5L, 100L), (7L, 150L), (10L, 200L), (12L, 250L) }) await Snapshots.SaveAsync(Snapshot(pid, seq, ts));
        await Snapshots.SaveAsync(Snapshot(other, 5, 100));

        await Snapshots.DeleteAsync(pid, 12);
        Assert.Equal(10, (await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest))?.SequenceNr);

        await Snapshots.DeleteAsync(pid, new SnapshotCriteria(MaxSequenceNr: 7));
        Assert.Null(await Snapshots.LoadAsync(pid, new SnapshotCriteria(MaxSequenceNr: 9)));
        Assert.Equal(10, (await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest))?.SequenceNr);

        await Snapshots.DeleteAsync(pid, SnapshotCriteria.Latest);
        Assert.Null(await Snapshots.LoadAsync(pid, SnapshotCriteria.Latest));
        Assert.Equal(5, (await Snapshots.LoadAsync(other, SnapshotCriteria.Latest))?.SequenceNr);

        // Another instance (another process) sees the same store.
        var second = Own(NewSnapshotInstance());
        Assert.Equal(5, (await second.LoadAsync(other, SnapshotCriteria.Latest))?.SequenceNr);
    }
}
