using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// A topologySpreadConstraint ready to evaluate: its selector (with matchLabelKeys resolved against
/// the incoming pod), topology key, maxSkew, minDomains and node inclusion policies.
/// </summary>
internal sealed class SpreadConstraint
{
    private readonly Requirement[] _requirements;
    private readonly bool _matchesNothing;

    private SpreadConstraint(TopologySpreadConstraint c, Requirement[] requirements, bool matchesNothing)
    {
        TopologyKey = c.TopologyKey;
        MaxSkew = c.MaxSkew;
        MinDomains = c.MinDomains ?? 1;
        HonorNodeAffinity = c.NodeAffinityPolicy is null or "" or "Honor";
        HonorTaints = c.NodeTaintsPolicy == "Honor";
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    public string TopologyKey { get; }

    public int MaxSkew { get; }

    public int MinDomains { get; }

    public bool HonorNodeAffinity { get; }

    public bool HonorTaints { get; }

    /// <summary>The constraints of <paramref name="pod"/> with the given whenUnsatisfiable.</summary>
    public static SpreadConstraint[] Of(PodInfo pod, string whenUnsatisfiable)
    {
        var list = pod.Pod.Spec.TopologySpreadConstraints;
        if (list is null || list.Count == 0) return [];
        var result = new List<SpreadConstraint>();
        foreach (var c in list)
        {
            if (c.WhenUnsatisfiable != whenUnsatisfiable) continue;
            var requirements = new List<Requirement>();
            if (c.LabelSelector is { } selector) requirements.AddRange(Selector.FromLabelSelector(selector).Requirements);
            foreach (var key in c.MatchLabelKeys ?? [])
            {
                if (pod.Labels.TryGetValue(key, out var value)) requirements.Add(Requirement.Create(key, SelectorOperator.In, [value]));
            }

            result.Add(new SpreadConstraint(c, [.. requirements], c.LabelSelector is null));
        }

        return [.. result];
    }

    /// <summary>True when <paramref name="existing"/> counts for this constraint of <paramref name="incoming"/>: same namespace, not terminating, labels match.</summary>
    public bool Counts(PodInfo existing, PodInfo incoming) =>
        existing.Namespace == incoming.Namespace && !existing.Terminating && Matches(existing);

    /// <summary>True when the selector matches <paramref name="pod"/>'s labels.</summary>
    public bool Matches(PodInfo pod)
    {
        if (_matchesNothing) return false;
        for (var i = 0; i < _requirements.Length; i++)
        {
            if (!_requirements[i].Matches(pod.Labels)) return false;
        }

        return true;
    }

    /// <summary>Matching pods on <paramref name="node"/>.</summary>
    public int CountOn(NodeInfo node, PodInfo incoming)
    {
        var count = 0;
        var pods = node.Pods;
        for (var i = 0; i < pods.Count; i++)
        {
            if (Counts(pods[i], incoming)) count++;
        }

        return count;
    }
}
