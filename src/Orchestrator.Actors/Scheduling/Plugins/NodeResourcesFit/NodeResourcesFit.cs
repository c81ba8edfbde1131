using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// Filter: the pod's requests (<see cref="PodRequests"/>) must fit in the node's allocatable minus
/// what its assigned pods request, and the node must have room for one more pod; every resource
/// short is a reason ("Insufficient cpu"). Score (LeastAllocated): the free share of cpu and memory
/// after placing the pod, equally weighted, 0-100.
/// </summary>
public sealed class NodeResourcesFit : IFilterPlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeResourcesFit";

    /// <summary>The reason when the node is at its pod count.</summary>
    public const string ReasonTooManyPods = "Too many pods";

    /// <summary>The reason for cpu.</summary>
    public const string ReasonInsufficientCpu = "Insufficient cpu";

    /// <summary>The reason for memory.</summary>
    public const string ReasonInsufficientMemory = "Insufficient memory";

    /// <summary>The reason for ephemeral-storage.</summary>
    public const string ReasonInsufficientEphemeral = "Insufficient ephemeral-storage";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded | ClusterEvents.NodeUpdated | ClusterEvents.AssignedPodRemoved;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var want = pod.Requests;
        var allocatable = node.Allocatable;
        var used = node.Requested;
        var tooManyPods = node.Pods.Count + 1 > node.AllowedPodNumber;
        if (!tooManyPods && want.IsZero) return Status.Success;
        var cpu = want.MilliCpu > 0 && allocatable.MilliCpu < want.MilliCpu + used.MilliCpu;
        var memory = want.MemoryBytes > 0 && allocatable.MemoryBytes < want.MemoryBytes + used.MemoryBytes;
        var ephemeral = want.EphemeralBytes > 0 && allocatable.EphemeralBytes < want.EphemeralBytes + used.EphemeralBytes;
        var scalarsShort = want.Scalars is not null && ScalarsShort(want, allocatable, used);
        if (!tooManyPods && !cpu && !memory && !ephemeral && !scalarsShort) return Status.Success;
        return Rejection(tooManyPods, cpu, memory, ephemeral, want, allocatable, used);
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var cpu = LeastAllocated(node.NonZeroRequested.MilliCpu + pod.NonZeroRequests.MilliCpu, node.Allocatable.MilliCpu);
        var memory = LeastAllocated(node.NonZeroRequested.MemoryBytes + pod.NonZeroRequests.MemoryBytes, node.Allocatable.MemoryBytes);
        return (cpu + memory) / 2;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        // Already 0-100.
    }

    private static long LeastAllocated(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * Scores.MaxNodeScore / capacity;

    private static bool ScalarsShort(ResourceList want, ResourceList allocatable, ResourceList used)
    {
        foreach (var (name, amount) in want.Scalars!)
        {
            if (amount > 0 && allocatable.Scalar(name) < amount + used.Scalar(name)) return true;
        }

        return false;
    }

    private static Status Rejection(bool tooManyPods, bool cpu, bool memory, bool ephemeral, ResourceList want, ResourceList allocatable, ResourceList used)
    {
        var reasons = new List<string>(4);
        if (tooManyPods) reasons.Add(ReasonTooManyPods);
        if (cpu) reasons.Add(ReasonInsufficientCpu);
        if (memory) reasons.Add(ReasonInsufficientMemory);
        if (ephemeral) reasons.Add(ReasonInsufficientEphemeral);
        if (want.Scalars is not null)
        {
            foreach (var (name, amount) in want.Scalars)
            {
                if (amount > 0 && allocatable.Scalar(name) < amount + used.Scalar(name)) reasons.Add("Insufficient " + name);
            }
        }

        return reasons.Count == 1 ? Status.Unschedulable(reasons[0]) : Status.Unschedulable([.. reasons]);
    }
}
