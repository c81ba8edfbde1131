namespace Orchestrator.Runtime.Persistence.Storage;

/// <summary>
/// The database side of the journal: plain async calls, no actors. One instance is shared by the
/// whole process; implementations must be thread-safe (the journal actor calls WriteAsync from one
/// task at a time, but queries and replays run concurrently with writes).
/// </summary>
/// <remarks>
/// Contract every implementation must keep (tests in JournalStorageContract check each):
/// <list type="bullet">
/// <item>(persistence_id, sequence_nr) is unique: a second write of the same pair fails with
/// <see cref="DuplicateSequenceNumberException"/> for that <see cref="AtomicWrite"/> only; the other
/// writes of the batch still succeed.</item>
/// <item>An AtomicWrite is all-or-nothing.</item>
/// <item>Orderings only grow, and become visible to readers in ordering order: once a reader sees
/// ordering N it can never later see a new event with an ordering below N (no "committed out of
/// order" gaps), even with several processes writing to the same database.</item>
/// <item>A write is acknowledged only after it is durable (committed, fsync per the database's settings).</item>
/// </list>
/// </remarks>
public interface IJournalStorage : IAsyncDisposable
{
    /// <summary>Creates the schema when missing (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a batch (group commit: as few transactions as possible) and returns one result per
    /// write, in the same order.
    /// </summary>
    Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Events of <paramref name="persistenceId"/> with fromSequenceNr ≤ seq ≤ toSequenceNr, ascending, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for the id (also after deletes), 0 when none.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/> (inclusive); the highest sequence number stays known.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Events carrying <paramref name="tag"/> with fromOrdering &lt; ordering ≤ toOrdering, ascending by ordering, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<PersistentRepr> EventsByTagAsync(string tag, long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default);

    /// <summary>All events with fromOrdering &lt; ordering ≤ toOrdering, ascending, at most <paramref name="max"/> (for all-events streams).</summary>
    IAsyncEnumerable<PersistentRepr> AllEventsAsync(long fromOrderingExclusive, long toOrderingInclusive, int max, CancellationToken cancellationToken = default);

    /// <summary>The highest ordering committed so far, 0 when the journal is empty.</summary>
    Task<long> HighestOrderingAsync(CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has events, in no particular order.</summary>
    IAsyncEnumerable<string> PersistenceIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Recovers several persistence ids at once: for each query (in the same order) every event from its
    /// FromSequenceNr on, ascending, and the id's highest sequence number — what <see cref="ReplayAsync"/>
    /// followed by <see cref="ReadHighestSequenceNrAsync"/> give, but for many ids in one round trip where the
    /// database allows (the SQL storages override this; the default asks one id after the other). Many
    /// entities start at once when a shard or a store comes up; one query for all of them is what keeps
    /// creation fast, since every new entity recovers before its first write.
    /// </summary>
    async Task<IReadOnlyList<RecoveredEvents>> RecoverManyAsync(IReadOnlyList<RecoveryQuery> queries, CancellationToken cancellationToken = default)
    {
        var results = new RecoveredEvents[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var events = new List<PersistentRepr>();
            await foreach (var e in ReplayAsync(queries[i].PersistenceId, queries[i].FromSequenceNr, long.MaxValue, long.MaxValue, cancellationToken).ConfigureAwait(false))
                events.Add(e);
            results[i] = new RecoveredEvents(events, await ReadHighestSequenceNrAsync(queries[i].PersistenceId, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }
}

/// <summary>One id to recover: its events from <paramref name="FromSequenceNr"/> (inclusive) on.</summary>
public sealed record RecoveryQuery(string PersistenceId, long FromSequenceNr);

/// <summary>What <see cref="IJournalStorage.RecoverManyAsync"/> found for one <see cref="RecoveryQuery"/>.</summary>
/// <param name="Events">The events, ascending by sequence number.</param>
/// <param name="HighestSequenceNr">The highest sequence number ever written for the id (also after deletes), 0 when none.</param>
public sealed record RecoveredEvents(IReadOnlyList<PersistentRepr> Events, long HighestSequenceNr);

/// <summary>The database side of the snapshot store.</summary>
public interface ISnapshotStorage : IAsyncDisposable
{
    /// <summary>Creates the schema when missing (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves (or replaces) the snapshot at (persistence id, sequence number).</summary>
    Task SaveAsync(SnapshotRepr snapshot, CancellationToken cancellationToken = default);

    /// <summary>The newest snapshot matching <paramref name="criteria"/>, or null.</summary>
    Task<SnapshotRepr?> LoadAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot at exactly <paramref name="sequenceNr"/>.</summary>
    Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest snapshot of each id (null where there is none), in the order of <paramref name="persistenceIds"/>:
    /// what <see cref="LoadAsync"/> with <see cref="SnapshotCriteria.Latest"/> gives, for many ids in one round
    /// trip where the database allows (the SQL storages override this; the default asks one id after the other).
    /// </summary>
    async Task<IReadOnlyList<SnapshotRepr?>> LoadLatestManyAsync(IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken = default)
    {
        var results = new SnapshotRepr?[persistenceIds.Count];
        for (var i = 0; i < persistenceIds.Count; i++)
            results[i] = await LoadAsync(persistenceIds[i], SnapshotCriteria.Latest, cancellationToken).ConfigureAwait(false);
        return results;
    }
}
