using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence;

/// <summary>Which snapshot this is: its persistence id, the sequence number it covers, when it was taken.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);

/// <summary>Offered to the recovery handlers first when a snapshot exists; replay continues after it.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Delivered to the recovery handlers after the last replayed event.</summary>
public sealed class RecoveryCompleted
{
    /// <summary>The one instance.</summary>
    public static readonly RecoveryCompleted Instance = new();
    private RecoveryCompleted() { }
}

/// <summary>A snapshot was saved.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>A snapshot could not be saved; the actor keeps running.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Events up to <paramref name="ToSequenceNr"/> were deleted.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Events could not be deleted.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Snapshots matching the criteria were deleted.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotCriteria Criteria);

/// <summary>Snapshots could not be deleted.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotCriteria Criteria, Exception Cause);

/// <summary>
/// Wrap an event in this to persist it with tags (read back by EventsByTag). Only the payload is
/// stored: recovery replays the unwrapped payload; the persist handler gets what was passed to Persist.
/// </summary>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags);

/// <summary>An actor's events could not be recovered; names the persistence id and the first unreadable sequence number.</summary>
public sealed class RecoveryException(string persistenceId, long sequenceNr, string reason, Exception? inner = null)
    : Exception($"Recovery of {persistenceId} failed at sequence number {sequenceNr}: {reason}", inner)
{
    /// <summary>The actor's persistence id.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The sequence number where recovery stopped.</summary>
    public long SequenceNr { get; } = sequenceNr;
}
