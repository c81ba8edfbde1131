using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// topologySpreadConstraints. Filter (whenUnsatisfiable DoNotSchedule): placing the pod in the node's
/// domain must not raise that domain's count of matching pods more than maxSkew above the least
/// populated domain (taken as 0 while fewer than minDomains domains exist); a node without the
/// topology key is rejected. Score (ScheduleAnyway): nodes in less populated domains rank higher.
/// Nodes count as domains only when they carry every key of the pod's constraints and, by the
/// inclusion policies, match the pod's node affinity (Honor by default) and have no untolerated
/// taint (Ignore by default).
/// </summary>
public sealed class PodTopologySpread : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "PodTopologySpread";

    /// <summary>The reason when a domain would be too crowded.</summary>
    public const string ReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

    /// <summary>The reason when the node lacks a topology key.</summary>
    public const string ReasonMissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)";

    private const string ScoreKey = PluginName + "/score";
    private const string HostnameKey = "kubernetes.io/hostname";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.All;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        var constraints = SpreadConstraint.Of(pod, "DoNotSchedule");
        if (constraints.Length == 0) return Status.Skip;
        var counts = Count(constraints, pod, snapshot.Nodes);
        var minimum = new int[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            var domains = counts[i];
            minimum[i] = domains.Count < constraints[i].MinDomains || domains.Count == 0 ? 0 : domains.Values.Min();
        }

        state.Write(PluginName, new FilterState(constraints, counts, minimum));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(PluginName)!;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (!node.Labels.TryGetValue(c.TopologyKey, out var domain)) return Status.Unresolvable(ReasonMissingLabel);
            var matching = s.Counts[i].GetValueOrDefault(domain);
            var self = c.Matches(pod) ? 1 : 0;
            if (matching + self - s.Minimum[i] > c.MaxSkew) return Status.Unschedulable(ReasonConstraintsNotMatch);
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> feasible, ClusterSnapshot snapshot)
    {
        var constraints = SpreadConstraint.Of(pod, "ScheduleAnyway");
        if (constraints.Length == 0) return Status.Skip;
        var counts = Count(constraints, pod, snapshot.Nodes);
        var weights = new double[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            // kube-scheduler weighs a constraint by log(domains + 2), so keys with many domains (hostname) weigh more.
            var domains = constraints[i].TopologyKey == HostnameKey ? feasible.Length : counts[i].Count;
            weights[i] = Math.Log(domains + 2);
        }

        state.Write(ScoreKey, new FilterState(constraints, counts, [], weights));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(ScoreKey)!;
        double score = 0;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            // A node without every key is ignored: it gets no score at all (marked -1 for NormalizeScore).
            if (!node.Labels.TryGetValue(c.TopologyKey, out var domain)) return -1;
            var count = c.TopologyKey == HostnameKey ? c.CountOn(node, pod) : s.Counts[i].GetValueOrDefault(domain);
            score += count * s.Weights![i] + (c.MaxSkew - 1);
        }

        return (long)Math.Round(score);
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var s in scores)
        {
            if (s < 0) continue;
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] < 0) scores[i] = 0;
            else if (max == 0) scores[i] = Scores.MaxNodeScore;
            else scores[i] = Scores.MaxNodeScore * (max + min - scores[i]) / max;
        }
    }

    /// <summary>Per constraint: domain value → matching pods, over the nodes that count as domains.</summary>
    private static Dictionary<string, int>[] Count(SpreadConstraint[] constraints, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var counts = new Dictionary<string, int>[constraints.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        var affinity = constraints.Any(c => c.HonorNodeAffinity) ? NodeAffinityOf(pod) : null;
        foreach (var node in nodes)
        {
            if (!HasAllKeys(constraints, node)) continue;
            for (var i = 0; i < constraints.Length; i++)
            {
                var c = constraints[i];
                if (c.HonorNodeAffinity && affinity is not null && !affinity(node)) continue;
                if (c.HonorTaints && !Tolerated(pod, node)) continue;
                var domain = node.Labels[c.TopologyKey];
                counts[i][domain] = counts[i].GetValueOrDefault(domain) + c.CountOn(node, pod);
            }
        }

        return counts;
    }

    private static bool HasAllKeys(SpreadConstraint[] constraints, NodeInfo node)
    {
        foreach (var c in constraints)
        {
            if (!node.Labels.ContainsKey(c.TopologyKey)) return false;
        }

        return true;
    }

    private static Func<NodeInfo, bool>? NodeAffinityOf(PodInfo pod)
    {
        var plugin = new NodeAffinity();
        var state = new CycleState();
        if (plugin.PreFilter(state, pod, new ClusterSnapshot()).Code == StatusCode.Skip) return null;
        return node => plugin.Filter(state, pod, node).IsSuccess;
    }

    private static bool Tolerated(PodInfo pod, NodeInfo node) => new TaintToleration().Filter(new CycleState(), pod, node).IsSuccess;

    private sealed record FilterState(SpreadConstraint[] Constraints, Dictionary<string, int>[] Counts, int[] Minimum, double[]? Weights = null);
}
