using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// Pod affinity and anti-affinity. Filter, in kube-scheduler's order: every required affinity term
/// must find a matching pod in the node's domain (or, when no pod anywhere matches, the pod must match
/// its own terms — the first of a group); no required anti-affinity term may find a matching pod in the
/// node's domain; and no existing pod's required anti-affinity may match the incoming pod within its
/// domain. Score: the weights of preferred terms (both directions, and existing pods' required
/// affinity at <c>hard-pod-affinity-weight</c>) summed per domain, min-max scaled to 0-100.
/// </summary>
public sealed partial class InterPodAffinity : IPreFilterPlugin, IFilterPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "InterPodAffinity";

    /// <summary>The reason when a required affinity term finds no pod.</summary>
    public const string ReasonAffinity = "node(s) didn't match pod affinity rules";

    /// <summary>The reason when a required anti-affinity term finds a pod.</summary>
    public const string ReasonAntiAffinity = "node(s) didn't match pod anti-affinity rules";

    /// <summary>The reason when an existing pod's anti-affinity excludes the incoming pod.</summary>
    public const string ReasonExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";

    private readonly int _hardPodAffinityWeight;

    /// <summary>A plugin scoring existing pods' required affinity at <paramref name="hardPodAffinityWeight"/> (kube default 1).</summary>
    public InterPodAffinity(int hardPodAffinityWeight = 1) => _hardPodAffinityWeight = hardPodAffinityWeight;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.All;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        var hasTerms = pod.RequiredAffinity.Length + pod.RequiredAntiAffinity.Length > 0;
        if (!hasTerms && snapshot.PodsWithRequiredAntiAffinity == 0) return Status.Skip;
        var s = new FilterState();
        foreach (var node in snapshot.Nodes)
        {
            if (snapshot.PodsWithRequiredAntiAffinity > 0)
            {
                foreach (var existing in node.PodsWithRequiredAntiAffinity)
                {
                    foreach (var term in existing.RequiredAntiAffinity)
                    {
                        if (term.Matches(pod)) Increment(s.ExistingAntiAffinity, node, term.TopologyKey, 1);
                    }
                }
            }

            if (!hasTerms) continue;
            foreach (var existing in node.Pods)
            {
                if (pod.RequiredAffinity.Length > 0 && MatchesAll(pod.RequiredAffinity, existing))
                {
                    foreach (var term in pod.RequiredAffinity) Increment(s.Affinity, node, term.TopologyKey, 1);
                }

                foreach (var term in pod.RequiredAntiAffinity)
                {
                    if (term.Matches(existing)) Increment(s.AntiAffinity, node, term.TopologyKey, 1);
                }
            }
        }

        state.Write(PluginName, s);
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(PluginName)!;
        if (!SatisfiesAffinity(s, pod, node)) return Status.Unresolvable(ReasonAffinity);
        foreach (var term in pod.RequiredAntiAffinity)
        {
            if (node.Labels.TryGetValue(term.TopologyKey, out var value) && s.AntiAffinity.GetValueOrDefault(new TopologyPair(term.TopologyKey, value)) > 0)
                return Status.Unschedulable(ReasonAntiAffinity);
        }

        foreach (var (pair, count) in s.ExistingAntiAffinity)
        {
            if (count > 0 && node.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value) return Status.Unschedulable(ReasonExistingAntiAffinity);
        }

        return Status.Success;
    }

    private static bool SatisfiesAffinity(FilterState s, PodInfo pod, NodeInfo node)
    {
        if (pod.RequiredAffinity.Length == 0) return true;
        var podsExist = true;
        foreach (var term in pod.RequiredAffinity)
        {
            if (!node.Labels.TryGetValue(term.TopologyKey, out var value) || s.Affinity.GetValueOrDefault(new TopologyPair(term.TopologyKey, value)) <= 0)
            {
                podsExist = false;
                break;
            }
        }

        // The first pod of a group that selects itself may go anywhere the other rules allow.
        return podsExist || (s.Affinity.Count == 0 && MatchesAll(pod.RequiredAffinity, pod));
    }

    private static bool MatchesAll(AffinityTerm[] terms, PodInfo pod)
    {
        foreach (var term in terms)
        {
            if (!term.Matches(pod)) return false;
        }

        return true;
    }

    private static void Increment<T>(Dictionary<TopologyPair, T> counts, NodeInfo node, string key, T by) where T : System.Numerics.INumber<T>
    {
        if (!node.Labels.TryGetValue(key, out var value)) return;
        var pair = new TopologyPair(key, value);
        counts[pair] = counts.GetValueOrDefault(pair, T.Zero) + by;
    }

    private sealed class FilterState
    {
        public Dictionary<TopologyPair, int> ExistingAntiAffinity { get; } = [];

        public Dictionary<TopologyPair, int> Affinity { get; } = [];

        public Dictionary<TopologyPair, int> AntiAffinity { get; } = [];
    }
}
