using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// A pod (anti-)affinity term ready to match: the label selector (with matchLabelKeys and
/// mismatchLabelKeys resolved against the owning pod's labels), the namespaces it looks in, its
/// topology key and, for preferred terms, its weight.
/// </summary>
public sealed class AffinityTerm
{
    private readonly Requirement[] _requirements;
    private readonly bool _matchesNothing;
    private readonly HashSet<string>? _namespaces;
    private readonly bool _allNamespaces;

    private AffinityTerm(Requirement[] requirements, bool matchesNothing, HashSet<string>? namespaces, bool allNamespaces, string topologyKey, int weight)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
        _namespaces = namespaces;
        _allNamespaces = allNamespaces;
        TopologyKey = topologyKey;
        Weight = weight;
    }

    /// <summary>The node label whose value defines the topology domain.</summary>
    public string TopologyKey { get; }

    /// <summary>The weight of a preferred term (1-100); 0 for a required one.</summary>
    public int Weight { get; }

    /// <summary>
    /// Compiles <paramref name="term"/> of a pod in <paramref name="ownerNamespace"/> with <paramref name="ownerLabels"/>.
    /// No namespaces and no namespaceSelector mean the owner's namespace; an empty namespaceSelector means every
    /// namespace. A namespaceSelector with requirements is not evaluated (namespace labels are not cached): only
    /// the listed namespaces count. A null labelSelector matches no pod. Throws <see cref="ArgumentException"/> for an invalid selector.
    /// </summary>
    public static AffinityTerm Compile(PodAffinityTerm term, string ownerNamespace, IReadOnlyDictionary<string, string> ownerLabels, int weight = 0)
    {
        var requirements = new List<Requirement>();
        var matchesNothing = term.LabelSelector is null;
        if (term.LabelSelector is { } selector) requirements.AddRange(Selector.FromLabelSelector(selector).Requirements);
        foreach (var key in term.MatchLabelKeys ?? [])
        {
            if (ownerLabels.TryGetValue(key, out var value)) requirements.Add(Requirement.Create(key, SelectorOperator.In, [value]));
        }

        foreach (var key in term.MismatchLabelKeys ?? [])
        {
            if (ownerLabels.TryGetValue(key, out var value)) requirements.Add(Requirement.Create(key, SelectorOperator.NotIn, [value]));
        }

        var selectorIsEmpty = term.NamespaceSelector is { MatchLabels: null or { Count: 0 }, MatchExpressions: null or { Count: 0 } };
        HashSet<string>? namespaces = null;
        if (term.Namespaces is { Count: > 0 } listed) namespaces = new HashSet<string>(listed, StringComparer.Ordinal);
        else if (term.NamespaceSelector is null) namespaces = new HashSet<string>(StringComparer.Ordinal) { ownerNamespace };
        return new AffinityTerm([.. requirements], matchesNothing, namespaces, selectorIsEmpty, term.TopologyKey, weight);
    }

    /// <summary>True when <paramref name="pod"/> is in one of the term's namespaces and has matching labels.</summary>
    public bool Matches(PodInfo pod)
    {
        if (_matchesNothing) return false;
        if (!_allNamespaces && (_namespaces is null || !_namespaces.Contains(pod.Namespace))) return false;
        var labels = pod.Labels;
        for (var i = 0; i < _requirements.Length; i++)
        {
            if (!_requirements[i].Matches(labels)) return false;
        }

        return true;
    }
}
