using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Tests.Scheduling.Support;

/// <summary>Nodes for scheduler specs: allocatable cpu, memory and pods, optional labels, taints and cordon.</summary>
public static class TestNodes
{
    /// <summary>A node with <paramref name="cpu"/> cores, <paramref name="memory"/> and room for <paramref name="pods"/> pods.</summary>
    public static Node Node(string name, string cpu = "4", string memory = "8Gi", int pods = 110, Dictionary<string, string>? labels = null,
        List<Taint>? taints = null, bool unschedulable = false)
    {
        var allLabels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name };
        foreach (var (k, v) in labels ?? []) allLabels[k] = v;
        return new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = allLabels },
            Spec = new NodeSpec { Taints = taints, Unschedulable = unschedulable ? true : null },
            Status = new NodeStatus
            {
                Allocatable = new Dictionary<string, Quantity> { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = Quantity.FromValue(pods) },
            },
        };
    }

    /// <summary>A node in <paramref name="zone"/> (label topology.kubernetes.io/zone).</summary>
    public static Node InZone(string name, string zone, string cpu = "4") =>
        Node(name, cpu, labels: new() { ["topology.kubernetes.io/zone"] = zone });

    /// <summary>A taint.</summary>
    public static Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };
}

/// <summary>Pods for scheduler specs: one container with optional requests.</summary>
public static class TestPods
{
    /// <summary>A pending pod requesting <paramref name="cpu"/> and <paramref name="memory"/> (none when null).</summary>
    public static Pod Pod(string name, string? cpu = null, string? memory = null, Dictionary<string, string>? labels = null, string ns = "default")
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null) requests["cpu"] = cpu;
        if (memory is not null) requests["memory"] = memory;
        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels, Uid = Guid.NewGuid().ToString() },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "app", Image = "busybox", Resources = requests.Count == 0 ? null : new ResourceRequirements { Requests = requests } }],
            },
        };
    }

    /// <summary>Labels from pairs "k=v".</summary>
    public static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    /// <summary>A required pod (anti-)affinity term on <paramref name="topologyKey"/> selecting <paramref name="matchLabels"/>.</summary>
    public static PodAffinityTerm Term(string topologyKey, params string[] matchLabels) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = new LabelSelector { MatchLabels = Labels(matchLabels) },
    };
}

/// <summary>A cluster built node by node for plugin specs.</summary>
public sealed class TestCluster
{
    /// <summary>The snapshot plugins read.</summary>
    public ClusterSnapshot Snapshot { get; } = new();

    /// <summary>Adds nodes.</summary>
    public TestCluster With(params Node[] nodes)
    {
        foreach (var node in nodes) Snapshot.SetNode(node);
        return this;
    }

    /// <summary>Assigns <paramref name="pod"/> to <paramref name="node"/>.</summary>
    public TestCluster Place(Pod pod, string node)
    {
        Snapshot.AddPod(PodInfo.Of(pod), node);
        return this;
    }

    /// <summary>The node called <paramref name="name"/>.</summary>
    public NodeInfo this[string name] => Snapshot.Get(name)!;

    /// <summary>Runs the plugin's PreFilter (when it has one) and Filter for <paramref name="pod"/> on <paramref name="node"/>; a skipped filter passes.</summary>
    public Status Filter(IFilterPlugin plugin, Pod pod, string node)
    {
        var info = PodInfo.Of(pod);
        var state = new CycleState();
        if (plugin is IPreFilterPlugin pre)
        {
            var status = pre.PreFilter(state, info, Snapshot);
            if (status.Code == StatusCode.Skip) return Status.Success;
            if (!status.IsSuccess) return status;
        }

        return plugin.Filter(state, info, this[node]);
    }

    /// <summary>The normalised scores of <paramref name="plugin"/> for <paramref name="pod"/> on <paramref name="nodes"/> (all 0 when its PreScore skips).</summary>
    public long[] Scores(IScorePlugin plugin, Pod pod, params string[] nodes)
    {
        var info = PodInfo.Of(pod);
        var state = new CycleState();
        var feasible = nodes.Select(n => this[n]).ToArray();
        if (plugin is IPreScorePlugin pre && pre.PreScore(state, info, feasible, Snapshot).Code == StatusCode.Skip) return new long[nodes.Length];
        var scores = feasible.Select(n => plugin.Score(state, info, n)).ToArray();
        plugin.NormalizeScore(state, info, scores);
        return scores;
    }
}
