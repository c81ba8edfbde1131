using System.Runtime.CompilerServices;

namespace Orchestrator.Runtime.Persistence.Storage;

/// <summary>
/// The <c>memory</c> journal: the same contract as the SQL ones, kept in a list, for unit tests.
/// One lock orders all writes, so orderings become visible in order. Each persistence id keeps its own list
/// (in sequence order), so a replay costs its own events, not the whole journal's.
/// </summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly object _lock = new();
    private readonly List<PersistentRepr> _events = [];
    private readonly Dictionary<(string, long), int> _index = [];
    private readonly Dictionary<string, List<PersistentRepr>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _highest = [];
    private readonly Dictionary<string, long> _deletedTo = [];

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        var results = new WriteResult[writes.Count];
        lock (_lock)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var duplicate = write.Events.FirstOrDefault(e => _index.ContainsKey((e.PersistenceId, e.SequenceNr)));
                if (duplicate is not null)
                {
                    results[i] = new WriteResult([], new DuplicateSequenceNumberException(duplicate.PersistenceId, duplicate.SequenceNr));
                    continue;
                }
                var orderings = new long[write.Events.Count];
                for (var j = 0; j < write.Events.Count; j++)
                {
                    var e = write.Events[j] with { Ordering = _events.Count + 1 };
                    _index[(e.PersistenceId, e.SequenceNr)] = _events.Count;
                    _events.Add(e);
                    AddInSequenceOrder(e);
                    orderings[j] = e.Ordering;
                    _highest[e.PersistenceId] = Math.Max(_highest.GetValueOrDefault(e.PersistenceId), e.SequenceNr);
                }
                results[i] = new WriteResult(orderings, null);
            }
        }
        return Task.FromResult<IReadOnlyList<WriteResult>>(results);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<PersistentRepr> found;
        lock (_lock)
        {
            var deletedTo = _deletedTo.GetValueOrDefault(persistenceId);
            found = [];
            var from = Math.Max(fromSequenceNr, deletedTo + 1);
            foreach (var e in _byId.GetValueOrDefault(persistenceId) ?? [])
            {
                if (found.Count >= max || e.SequenceNr > toSequenceNr) break;
                if (e.SequenceNr >= from) found.Add(e);
            }
        }
        foreach (var e in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask;
    }

    private void AddInSequenceOrder(PersistentRepr e)
    {
        if (!_byId.TryGetValue(e.PersistenceId, out var list)) _byId[e.PersistenceId] = list = [];
        var at = list.Count;
        while (at > 0 && list[at - 1].SequenceNr > e.SequenceNr) at--;
        list.Insert(at, e);
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_highest.GetValueOrDefault(persistenceId));
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock) _deletedTo[persistenceId] = Math.Max(_deletedTo.GetValueOrDefault(persistenceId), toSequenceNr);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> EventsByTagAsync(string tag, long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default) =>
        Range(e => e.Tags.Contains(tag), fromOrderingExclusive, toOrderingInclusive, max);

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> AllEventsAsync(long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default) =>
        Range(_ => true, fromOrderingExclusive, toOrderingInclusive, max);

    private async IAsyncEnumerable<PersistentRepr> Range(Func<PersistentRepr, bool> filter, long from, long to, int max)
    {
        List<PersistentRepr> found;
        lock (_lock)
        {
            found = [];
            for (var i = (int)Math.Max(from, 0); i < _events.Count && found.Count < max; i++)
            {
                var e = _events[i];
                if (e.Ordering > to) break;
                if (e.SequenceNr > _deletedTo.GetValueOrDefault(e.PersistenceId) && filter(e)) found.Add(e);
            }
        }
        foreach (var e in found) yield return e;
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> HighestOrderingAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult((long)_events.Count);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> PersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<string> ids;
        lock (_lock) ids = [.. _highest.Keys];
        foreach (var id in ids) yield return id;
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The <c>memory</c> snapshot store, for unit tests.</summary>
public sealed class MemorySnapshotStorage : ISnapshotStorage
{
    private readonly object _lock = new();
    private readonly List<SnapshotRepr> _snapshots = [];

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SaveAsync(SnapshotRepr snapshot, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _snapshots.RemoveAll(s => s.PersistenceId == snapshot.PersistenceId && s.SequenceNr == snapshot.SequenceNr);
            _snapshots.Add(snapshot);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SnapshotRepr?> LoadAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_snapshots.Where(s => s.PersistenceId == persistenceId && criteria.Matches(s))
                .OrderByDescending(s => s.SequenceNr).FirstOrDefault());
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock) _snapshots.RemoveAll(s => s.PersistenceId == persistenceId && s.SequenceNr == sequenceNr);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_lock) _snapshots.RemoveAll(s => s.PersistenceId == persistenceId && criteria.Matches(s));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
