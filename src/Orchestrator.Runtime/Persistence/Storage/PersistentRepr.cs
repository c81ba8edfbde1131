namespace Orchestrator.Runtime.Persistence.Storage;

/// <summary>
/// One event as stored: who wrote it (persistence id and its sequence number), what it is
/// (manifest + serialized payload), its tags, and the journal's global <see cref="Ordering"/>.
/// </summary>
/// <param name="PersistenceId">The entity's stable id, e.g. <c>Pod/default/web-1</c>.</param>
/// <param name="SequenceNr">1, 2, 3... per persistence id, without gaps.</param>
/// <param name="Manifest">The registered name of the payload's type (never a CLR type name).</param>
/// <param name="Payload">The serialized event.</param>
/// <param name="Tags">Tags for EventsByTag queries (e.g. the kind).</param>
/// <param name="Timestamp">When the event was written (UTC, milliseconds since the Unix epoch).</param>
/// <param name="WriterId">Identifies the incarnation that wrote it, for diagnosing two writers.</param>
/// <param name="Ordering">The journal-wide position, assigned by the storage on write; 0 before that.</param>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    byte[] Payload,
    IReadOnlyList<string> Tags,
    long Timestamp,
    string WriterId,
    long Ordering = 0);

/// <summary>The events of one Persist/PersistAll call: written all together or not at all.</summary>
public sealed record AtomicWrite(IReadOnlyList<PersistentRepr> Events)
{
    /// <summary>The persistence id all events share.</summary>
    public string PersistenceId => Events[0].PersistenceId;
}

/// <summary>The outcome of one <see cref="AtomicWrite"/> within a batch.</summary>
/// <param name="Orderings">The global orderings assigned to the write's events, in order; empty on failure.</param>
/// <param name="Error">Null on success; otherwise why this write failed (e.g. a duplicate sequence number).</param>
public sealed record WriteResult(IReadOnlyList<long> Orderings, Exception? Error)
{
    /// <summary>True when the write is durable.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>A stored snapshot of an entity's state.</summary>
public sealed record SnapshotRepr(string PersistenceId, long SequenceNr, long Timestamp, string Manifest, byte[] Payload);

/// <summary>Which snapshots a load or delete considers: sequence numbers and timestamps up to the maxima (inclusive).</summary>
public sealed record SnapshotCriteria(long MaxSequenceNr = long.MaxValue, long MaxTimestamp = long.MaxValue, long MinSequenceNr = 0, long MinTimestamp = 0)
{
    /// <summary>The latest snapshot, whatever its sequence number.</summary>
    public static readonly SnapshotCriteria Latest = new();

    /// <summary>No snapshot at all (recovery from the first event).</summary>
    public static readonly SnapshotCriteria None = new(MaxSequenceNr: 0, MaxTimestamp: 0);

    /// <summary>True when <paramref name="snapshot"/> is within the criteria.</summary>
    public bool Matches(SnapshotRepr snapshot) =>
        snapshot.SequenceNr <= MaxSequenceNr && snapshot.Timestamp <= MaxTimestamp &&
        snapshot.SequenceNr >= MinSequenceNr && snapshot.Timestamp >= MinTimestamp;
}

/// <summary>A duplicate (persistence id, sequence number): another writer got there first.</summary>
public sealed class DuplicateSequenceNumberException(string persistenceId, long sequenceNr, Exception? inner = null)
    : Exception($"Event {sequenceNr} of {persistenceId} already exists: another writer persisted it first.", inner)
{
    /// <summary>The persistence id written twice.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The sequence number written twice.</summary>
    public long SequenceNr { get; } = sequenceNr;
}
