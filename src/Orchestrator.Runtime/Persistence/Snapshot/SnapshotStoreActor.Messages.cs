using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Snapshot;

/// <summary>Load the newest snapshot matching the criteria.</summary>
internal sealed record LoadSnapshot(string PersistenceId, SnapshotCriteria Criteria, int ActorInstanceId);

/// <summary>The loaded snapshot (null when there is none), already deserialized.</summary>
internal sealed record LoadSnapshotResult(SnapshotOffer? Offer, int ActorInstanceId);

/// <summary>Loading failed; recovery then replays from the first event.</summary>
internal sealed record LoadSnapshotFailed(Exception Cause, int ActorInstanceId);

/// <summary>Save a snapshot.</summary>
internal sealed record SaveSnapshot(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Delete one snapshot or all matching the criteria.</summary>
internal sealed record DeleteSnapshots(string PersistenceId, SnapshotCriteria Criteria);

/// <summary>A batch of latest-snapshot loads finished (sent by the snapshot store to itself).</summary>
internal sealed class LoadBatchCompleted
{
    /// <summary>The one instance.</summary>
    public static readonly LoadBatchCompleted Instance = new();
    private LoadBatchCompleted() { }
}
