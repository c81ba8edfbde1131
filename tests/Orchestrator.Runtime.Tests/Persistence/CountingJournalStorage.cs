using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>Wraps a journal storage and counts the batches (transactions) written and the recovery queries made through it.</summary>
public sealed class CountingJournalStorage(IJournalStorage inner) : IJournalStorage
{
    private int _batches;
    private int _writes;
    private int _recoveryQueries;
    private int _recoveries;

    public int Batches => Volatile.Read(ref _batches);
    public int Writes => Volatile.Read(ref _writes);
    public int RecoveryQueries => Volatile.Read(ref _recoveryQueries);
    public int Recoveries => Volatile.Read(ref _recoveries);

    public Task<IReadOnlyList<RecoveredEvents>> RecoverManyAsync(IReadOnlyList<RecoveryQuery> queries, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _recoveryQueries);
        Interlocked.Add(ref _recoveries, queries.Count);
        return inner.RecoverManyAsync(queries, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, writes.Count);
        return inner.WriteAsync(writes, cancellationToken);
    }

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<PersistentRepr> EventsByTagAsync(string tag, long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default) =>
        inner.EventsByTagAsync(tag, fromOrderingExclusive, toOrderingInclusive, max, cancellationToken);

    public IAsyncEnumerable<PersistentRepr> AllEventsAsync(long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default) =>
        inner.AllEventsAsync(fromOrderingExclusive, toOrderingInclusive, max, cancellationToken);

    public Task<long> HighestOrderingAsync(CancellationToken cancellationToken = default) => inner.HighestOrderingAsync(cancellationToken);

    public IAsyncEnumerable<string> PersistenceIdsAsync(CancellationToken cancellationToken = default) => inner.PersistenceIdsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
