using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Cache;

/// <summary>
/// The scheduler's view of nodes and assigned pods, fed by watches, plus the pods it has assumed:
/// placed by a cycle and counted on their node at once, before the bind is durable, so the next
/// cycle does not place another pod in the same room. An assumed pod is confirmed when the watch
/// shows it bound (then the watch's version replaces it), or forgotten when its bind fails.
/// Terminal pods (Succeeded, Failed) hold no resources and are dropped.
/// </summary>
public sealed class SchedulerCache
{
    private readonly Dictionary<string, CachedPod> _pods = new(StringComparer.Ordinal);

    /// <summary>The nodes and their pods, read by the framework.</summary>
    public ClusterSnapshot Snapshot { get; } = new();

    /// <summary>Pods assumed and not yet confirmed by the watch.</summary>
    public int AssumedCount { get; private set; }

    /// <summary>True when <paramref name="key"/> is assumed and not yet confirmed.</summary>
    public bool IsAssumed(string key) => _pods.TryGetValue(key, out var pod) && pod.Assumed;

    /// <summary>The node the cache has <paramref name="key"/> on, or null.</summary>
    public string? NodeOf(string key) => _pods.TryGetValue(key, out var pod) ? pod.NodeName : null;

    /// <summary>Adds or updates a node; says which event it was (None when nothing a filter reads changed).</summary>
    public ClusterEvents SetNode(Node node)
    {
        var existing = Snapshot.Get(node.Metadata.Name ?? "");
        if (existing?.Node is null)
        {
            Snapshot.SetNode(node);
            return ClusterEvents.NodeAdded;
        }

        var before = (existing.Labels, existing.Taints, existing.Unschedulable, existing.Allocatable, existing.AllowedPodNumber);
        Snapshot.SetNode(node);
        var changed = !LabelSets.Equal(before.Labels, existing.Labels) || !SameTaints(before.Taints, existing.Taints)
            || before.Unschedulable != existing.Unschedulable || before.AllowedPodNumber != existing.AllowedPodNumber
            || !SameResources(before.Allocatable, existing.Allocatable);
        return changed ? ClusterEvents.NodeUpdated : ClusterEvents.None;
    }

    /// <summary>Removes a node.</summary>
    public void RemoveNode(string name) => Snapshot.RemoveNode(name);

    /// <summary>Counts <paramref name="pod"/> on <paramref name="nodeName"/> before its bind is confirmed.</summary>
    public void Assume(PodInfo pod, string nodeName)
    {
        Remove(pod.Key);
        _pods[pod.Key] = new CachedPod(pod, nodeName, Assumed: true);
        Snapshot.AddPod(pod, nodeName);
        AssumedCount++;
    }

    /// <summary>Takes back an assumption whose bind failed; false when the pod was not assumed (the watch already confirmed or removed it).</summary>
    public bool Forget(string key)
    {
        if (!_pods.TryGetValue(key, out var pod) || !pod.Assumed) return false;
        Remove(key);
        return true;
    }

    /// <summary>
    /// Takes a pod from the watch. A pod with a node (not terminal) is added, updated, or confirms an
    /// assumption; a pod without a node, or a terminal one, is removed. Returns the event for the queue.
    /// </summary>
    public ClusterEvents SetPod(PodInfo pod)
    {
        var nodeName = pod.Pod.Spec.NodeName;
        var phase = pod.Pod.Status?.Phase;
        if (string.IsNullOrEmpty(nodeName) || phase is "Succeeded" or "Failed") return RemovePod(pod.Key);
        var known = _pods.GetValueOrDefault(pod.Key);
        var wasAssumed = known?.Assumed == true;
        if (known is not null) Remove(pod.Key);
        _pods[pod.Key] = new CachedPod(pod, nodeName, Assumed: false);
        Snapshot.AddPod(pod, nodeName);
        if (known is null || wasAssumed) return ClusterEvents.AssignedPodAdded;
        return LabelSets.Equal(known.Pod.Labels, pod.Labels) ? ClusterEvents.None : ClusterEvents.AssignedPodUpdated;
    }

    /// <summary>Removes a pod (deleted, finished, or unbound); returns AssignedPodRemoved when it held room on a node.</summary>
    public ClusterEvents RemovePod(string key) => Remove(key) ? ClusterEvents.AssignedPodRemoved : ClusterEvents.None;

    private bool Remove(string key)
    {
        if (!_pods.Remove(key, out var pod)) return false;
        if (pod.Assumed) AssumedCount--;
        Snapshot.RemovePod(key, pod.NodeName);
        return true;
    }

    private static bool SameTaints(Taint[] a, Taint[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Key != b[i].Key || a[i].Value != b[i].Value || a[i].Effect != b[i].Effect) return false;
        }

        return true;
    }

    private static bool SameResources(ResourceList a, ResourceList b)
    {
        if (a.MilliCpu != b.MilliCpu || a.MemoryBytes != b.MemoryBytes || a.EphemeralBytes != b.EphemeralBytes) return false;
        var aCount = a.Scalars?.Count ?? 0;
        if (aCount != (b.Scalars?.Count ?? 0)) return false;
        if (a.Scalars is null) return true;
        foreach (var (name, value) in a.Scalars)
        {
            if (b.Scalar(name) != value) return false;
        }

        return true;
    }

    private sealed record CachedPod(PodInfo Pod, string NodeName, bool Assumed);
}
