using System.Text;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>Builders and small helpers shared by the storage contract tests.</summary>
internal static class TestEvents
{
    /// <summary>A persistence id no other test uses, so tests can share one store.</summary>
    public static string NewId(string name) => $"{name}/{Guid.NewGuid():N}";

    public static PersistentRepr NewEvent(string persistenceId, long sequenceNr, string writerId = "writer-1", params string[] tags) =>
        new(persistenceId, sequenceNr, "test.Event", Encoding.UTF8.GetBytes($"{persistenceId}#{sequenceNr}"), tags,
            1_700_000_000_000 + sequenceNr, writerId);

    public static AtomicWrite Write(params PersistentRepr[] events) => new(events);

    /// <summary>One AtomicWrite per sequence number in [from, to].</summary>
    public static AtomicWrite[] Writes(string persistenceId, long from, long to, params string[] tags) =>
        [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => Write(NewEvent(persistenceId, from + i, tags: tags)))];

    public static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }

    public static long[] AssertAllSucceeded(IReadOnlyList<WriteResult> results)
    {
        foreach (var result in results)
        {
            Assert.True(result.Succeeded, $"write failed: {result.Error}");
        }
        return [.. results.SelectMany(r => r.Orderings)];
    }

    public static async Task<long[]> WriteAll(IJournalStorage journal, params AtomicWrite[] writes) =>
        AssertAllSucceeded(await journal.WriteAsync(writes));

    public static void AssertSameEvent(PersistentRepr expected, PersistentRepr actual, long ordering)
    {
        Assert.Equal(expected.PersistenceId, actual.PersistenceId);
        Assert.Equal(expected.SequenceNr, actual.SequenceNr);
        Assert.Equal(expected.Manifest, actual.Manifest);
        Assert.Equal(expected.Payload, actual.Payload);
        // Storages may return tags in any order (the SQL ones return them sorted).
        Assert.Equal(expected.Tags.Order(StringComparer.Ordinal), actual.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.WriterId, actual.WriterId);
        Assert.Equal(ordering, actual.Ordering);
    }
}
