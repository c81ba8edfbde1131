using System.Globalization;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.DaemonSets;

/// <summary>
/// Whether a DaemonSet's pod belongs on a node (pure): the template's nodeSelector and required node
/// affinity match the node, and every NoSchedule / NoExecute taint of the node is tolerated by the
/// template's tolerations plus the ones every daemon pod gets (<see cref="DaemonTolerations"/>), so a daemon
/// keeps running on a cordoned, not-ready or unreachable node.
/// </summary>
/// <remarks>The same matching rules as the scheduler's NodeAffinity and TaintToleration plugins, written against the Node object (the scheduler's work on its own cache type).</remarks>
public static class DaemonPlacement
{
    /// <summary>Tolerations added to every daemon pod, as Kubernetes' DaemonSet controller adds them.</summary>
    public static IReadOnlyList<Toleration> DaemonTolerations { get; } =
    [
        new() { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute" },
        new() { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute" },
        new() { Key = "node.kubernetes.io/disk-pressure", Operator = "Exists", Effect = "NoSchedule" },
        new() { Key = "node.kubernetes.io/memory-pressure", Operator = "Exists", Effect = "NoSchedule" },
        new() { Key = "node.kubernetes.io/pid-pressure", Operator = "Exists", Effect = "NoSchedule" },
        new() { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoSchedule" },
    ];

    /// <summary>True when a pod of <paramref name="template"/> should run on <paramref name="node"/>.</summary>
    public static bool ShouldRun(PodSpec template, Node node)
    {
        var labels = node.Metadata.Labels ?? [];
        foreach (var (key, value) in template.NodeSelector ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        }

        if (template.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { } required
            && !required.NodeSelectorTerms.Any(t => TermMatches(t, node)))
            return false;

        var tolerations = (template.Tolerations ?? []).Concat(DaemonTolerations).ToList();
        return (node.Spec.Taints ?? [])
            .Where(t => t.Effect is "NoSchedule" or "NoExecute")
            .All(taint => tolerations.Any(t => Tolerates(t, taint)));
    }

    /// <summary>True when <paramref name="toleration"/> tolerates <paramref name="taint"/> (effect, key, Exists or equal value).</summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key) return false;
        return toleration.Operator switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    /// <summary>A term matches when it has requirements and all of them hold (matchExpressions on labels, matchFields on metadata.name).</summary>
    private static bool TermMatches(NodeSelectorTerm term, Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count + fields.Count == 0) return false;
        var labels = node.Metadata.Labels ?? [];
        return expressions.All(r => Holds(r, labels.TryGetValue(r.Key, out var v) ? v : null))
            && fields.All(r => r.Key == "metadata.name" && Holds(r, node.Metadata.Name));
    }

    private static bool Holds(NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" or "Lt" => value is not null && values.Count == 1
                && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
                && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
                && (requirement.Operator == "Gt" ? actual > bound : actual < bound),
            _ => false,
        };
    }
}
