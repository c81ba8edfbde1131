using Orchestrator.Model.Apps.V1;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>A ReplicaSet of the Deployment with its counts.</summary>
public sealed record OwnedReplicaSet(ReplicaSet ReplicaSet, ReplicaSetCount Count);

/// <summary>A change to an existing ReplicaSet: its replicas and revision annotation.</summary>
public sealed record ReplicaSetChange(ReplicaSet ReplicaSet, int Replicas, string Revision);

/// <summary>What one sync of a Deployment does.</summary>
/// <param name="Create">A new ReplicaSet to create (the Deployment's template has none yet).</param>
/// <param name="Changes">Existing ReplicaSets to scale or re-number.</param>
/// <param name="Delete">Old ReplicaSets beyond revisionHistoryLimit.</param>
/// <param name="Revision">The Deployment's new revision annotation, when it changes.</param>
/// <param name="Status">The new status, when it changes.</param>
/// <param name="RequeueAfter">When to look again without an event (progress deadline).</param>
public sealed record DeploymentPlan(
    ReplicaSet? Create,
    IReadOnlyList<ReplicaSetChange> Changes,
    IReadOnlyList<ReplicaSet> Delete,
    string? Revision,
    DeploymentStatus? Status,
    TimeSpan? RequeueAfter);
