using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// One node as the scheduler sees it: the node's facts read once (labels, taints, cordon,
/// allocatable) and the running totals of the pods assigned to it (requested resources, host ports,
/// pods with affinity terms). Kept up to date incrementally by the <see cref="ClusterSnapshot"/>, so
/// a filter is a handful of field reads. A NodeInfo without a node holds pods bound to a node not
/// (yet) seen; it is never a candidate.
/// </summary>
public sealed class NodeInfo
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();
    private readonly List<PodInfo> _pods = [];
    private readonly List<PodInfo> _podsWithAffinity = [];
    private readonly List<PodInfo> _podsWithRequiredAntiAffinity = [];
    private readonly List<HostPort> _usedPorts = [];

    /// <summary>An empty entry for the node called <paramref name="name"/>.</summary>
    public NodeInfo(string name) => Name = name;

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>The node, or null while only pods bound to it are known.</summary>
    public Node? Node { get; private set; }

    /// <summary>The node's labels (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = _noLabels;

    /// <summary>spec.taints.</summary>
    public Taint[] Taints { get; private set; } = [];

    /// <summary>spec.unschedulable (cordoned).</summary>
    public bool Unschedulable { get; private set; }

    /// <summary>status.allocatable (capacity when allocatable is absent).</summary>
    public ResourceList Allocatable { get; private set; } = new();

    /// <summary>The allocatable "pods" count.</summary>
    public long AllowedPodNumber { get; private set; }

    /// <summary>Sum of the assigned pods' requests.</summary>
    public ResourceList Requested { get; } = new();

    /// <summary>Sum of the assigned pods' non-zero requests (for scores).</summary>
    public ResourceList NonZeroRequested { get; } = new();

    /// <summary>The pods assigned to the node (bound or assumed).</summary>
    public IReadOnlyList<PodInfo> Pods => _pods;

    /// <summary>Assigned pods with any pod (anti-)affinity term.</summary>
    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;

    /// <summary>Assigned pods with a required anti-affinity term.</summary>
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;

    /// <summary>Host ports taken by the assigned pods.</summary>
    public IReadOnlyList<HostPort> UsedPorts => _usedPorts;

    /// <summary>Takes the facts of <paramref name="node"/> (or forgets the node when null).</summary>
    public void SetNode(Node? node)
    {
        Node = node;
        Labels = node?.Metadata.Labels ?? _noLabels;
        Taints = node?.Spec.Taints?.ToArray() ?? [];
        Unschedulable = node?.Spec.Unschedulable == true;
        var allocatable = node?.Status?.Allocatable ?? node?.Status?.Capacity;
        Allocatable = ResourceList.From(allocatable);
        AllowedPodNumber = allocatable is not null && allocatable.TryGetValue(ResourceList.Pods, out var pods) ? pods.Value : 0;
    }

    /// <summary>Assigns <paramref name="pod"/> to this node.</summary>
    public void AddPod(PodInfo pod)
    {
        _pods.Add(pod);
        Requested.Add(pod.Requests);
        NonZeroRequested.Add(pod.NonZeroRequests);
        _usedPorts.AddRange(pod.HostPorts);
        if (pod.HasAffinity) _podsWithAffinity.Add(pod);
        if (pod.RequiredAntiAffinity.Length > 0) _podsWithRequiredAntiAffinity.Add(pod);
    }

    /// <summary>Removes the pod with <paramref name="key"/> (namespace/name); false when it is not here.</summary>
    public bool RemovePod(string key, out PodInfo? removed)
    {
        removed = null;
        var index = _pods.FindIndex(p => p.Key == key);
        if (index < 0) return false;
        var pod = _pods[index];
        removed = pod;
        _pods[index] = _pods[^1];
        _pods.RemoveAt(_pods.Count - 1);
        Requested.Subtract(pod.Requests);
        NonZeroRequested.Subtract(pod.NonZeroRequests);
        foreach (var port in pod.HostPorts) _usedPorts.Remove(port);
        _podsWithAffinity.Remove(pod);
        _podsWithRequiredAntiAffinity.Remove(pod);
        return true;
    }
}
