namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// Every node and the pods assigned to it, as one mutable view owned by one actor. The scheduler
/// reads it during a cycle and changes it between cycles (a watch event, an assumed pod), so no
/// copy is ever made: the cache is the snapshot. <see cref="Nodes"/> holds the nodes that exist, in
/// the order they were added; entries for unknown nodes with bound pods are kept apart.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly List<NodeInfo> _nodes = [];
    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);

    /// <summary>The existing nodes (candidates), in insertion order.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _nodes;

    /// <summary>Assigned pods with a required anti-affinity term, over every node.</summary>
    public int PodsWithRequiredAntiAffinity { get; private set; }

    /// <summary>Assigned pods with any pod (anti-)affinity term, over every node.</summary>
    public int PodsWithAffinity { get; private set; }

    /// <summary>The entry of <paramref name="name"/> (existing node or not), or null.</summary>
    public NodeInfo? Get(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds or updates a node.</summary>
    public NodeInfo SetNode(Model.Core.V1.Node node)
    {
        var name = node.Metadata.Name ?? "";
        var info = Entry(name);
        if (info.Node is null) _nodes.Add(info);
        info.SetNode(node);
        return info;
    }

    /// <summary>Removes a node; its pods stay accounted to its name until they go too.</summary>
    public void RemoveNode(string name)
    {
        if (!_byName.TryGetValue(name, out var info) || info.Node is null) return;
        info.SetNode(null);
        _nodes.Remove(info);
        if (info.Pods.Count == 0) _byName.Remove(name);
    }

    /// <summary>Assigns <paramref name="pod"/> to <paramref name="nodeName"/>.</summary>
    public void AddPod(PodInfo pod, string nodeName)
    {
        Entry(nodeName).AddPod(pod);
        if (pod.HasAffinity) PodsWithAffinity++;
        if (pod.RequiredAntiAffinity.Length > 0) PodsWithRequiredAntiAffinity++;
    }

    /// <summary>Removes the pod <paramref name="key"/> from <paramref name="nodeName"/>; false when it was not there.</summary>
    public bool RemovePod(string key, string nodeName)
    {
        if (!_byName.TryGetValue(nodeName, out var info) || !info.RemovePod(key, out var pod)) return false;
        if (pod!.HasAffinity) PodsWithAffinity--;
        if (pod.RequiredAntiAffinity.Length > 0) PodsWithRequiredAntiAffinity--;
        if (info.Node is null && info.Pods.Count == 0) _byName.Remove(nodeName);
        return true;
    }

    private NodeInfo Entry(string name)
    {
        if (_byName.TryGetValue(name, out var info)) return info;
        info = new NodeInfo(name);
        _byName[name] = info;
        return info;
    }
}
