namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// Changes in the cluster that can make an unschedulable pod schedulable. Each filter plugin names
/// the ones that can undo its rejections; the queue retries a pod only on those.
/// </summary>
[Flags]
public enum ClusterEvents
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>A node was added.</summary>
    NodeAdded = 1,

    /// <summary>A node's labels, taints, cordon or allocatable changed.</summary>
    NodeUpdated = 2,

    /// <summary>A pod was assigned to a node (bound, or created bound).</summary>
    AssignedPodAdded = 4,

    /// <summary>An assigned pod's labels changed.</summary>
    AssignedPodUpdated = 8,

    /// <summary>An assigned pod was deleted or finished (its resources and ports are free).</summary>
    AssignedPodRemoved = 16,

    /// <summary>Every event.</summary>
    All = NodeAdded | NodeUpdated | AssignedPodAdded | AssignedPodUpdated | AssignedPodRemoved,
}
