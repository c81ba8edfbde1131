using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.DaemonSets;

/// <summary>
/// Whether a DaemonSet's pod belongs on a node (pure): the template's nodeSelector and required node
/// affinity match the node, and every NoSchedule / NoExecute taint of the node is tolerated by the
/// template's tolerations plus the ones every daemon pod gets (<see cref="DaemonTolerations"/>), so a daemon
/// keeps running on a cordoned, not-ready or unreachable node.
/// </summary>
/// <remarks>The matching is the scheduler's own (<see cref="NodeSelectorMatcher"/>, <see cref="Tolerations"/>), so a daemon
/// lands exactly where a scheduled pod with the same spec could.</remarks>
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

        if (template.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            var info = new NodeInfo(node.Metadata.Name ?? "");
            info.SetNode(node);
            if (!NodeSelectorMatcher.Compile(required.NodeSelectorTerms).MatchesAny(info)) return false;
        }

        var tolerations = (template.Tolerations ?? []).Concat(DaemonTolerations).ToArray();
        return (node.Spec.Taints ?? [])
            .Where(t => t.Effect is Tolerations.NoSchedule or Tolerations.NoExecute)
            .All(taint => Tolerations.AnyTolerates(tolerations, taint));
    }
}
