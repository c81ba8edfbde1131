using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Controllers.DaemonSets;

/// <summary>What one DaemonSet sync does.</summary>
/// <param name="CreateOn">Nodes that need a daemon pod.</param>
/// <param name="Delete">Pods to delete gracefully: on nodes that should not run one, duplicates, failed pods, old pods a rolling update replaces.</param>
/// <param name="ForceDelete">Pods on nodes that no longer exist (no agent will confirm a graceful delete): deleted at once.</param>
/// <param name="Status">The DaemonSet's status.</param>
public sealed record DaemonSetPlan(IReadOnlyList<string> CreateOn, IReadOnlyList<Pod> Delete, IReadOnlyList<Pod> ForceDelete, DaemonSetStatus Status);

/// <summary>
/// The DaemonSet decision (pure): one pod on each node that should run it (<see cref="DaemonPlacement"/>),
/// none elsewhere. RollingUpdate (the default) replaces pods whose <c>controller-revision-hash</c> is not the
/// template's: old pods that are not ready go at once, ready ones only while fewer than maxUnavailable
/// (default 1; a percentage of the desired count, rounded up) nodes lack a ready pod. OnDelete replaces
/// only pods someone else deleted.
/// </summary>
public static class DaemonSetRules
{
    /// <summary>Label with the template revision a pod was made from.</summary>
    public const string RevisionLabel = "controller-revision-hash";

    /// <summary>Decides the sync of <paramref name="daemonSet"/> over <paramref name="nodes"/> with its <paramref name="pods"/> (template revision <paramref name="revision"/>).</summary>
    public static DaemonSetPlan Plan(DaemonSet daemonSet, IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, string revision)
    {
        var byNode = pods.Where(p => p.Metadata.DeletionTimestamp is null)
            .GroupBy(p => p.Spec.NodeName ?? "")
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Metadata.CreationTimestamp).ToList(), StringComparer.Ordinal);
        var nodeNames = nodes.Select(n => n.Metadata.Name ?? "").ToHashSet(StringComparer.Ordinal);
        var createOn = new List<string>();
        var delete = new List<Pod>();
        var force = pods.Where(p => !nodeNames.Contains(p.Spec.NodeName ?? "")).ToList();
        var old = new List<Pod>();
        int desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0;

        foreach (var node in nodes)
        {
            var name = node.Metadata.Name ?? "";
            var here = byNode.GetValueOrDefault(name) ?? [];
            if (!DaemonPlacement.ShouldRun(daemonSet.Spec.Template.Spec, node))
            {
                if (here.Count > 0) misscheduled++;
                delete.AddRange(here);
                continue;
            }

            desired++;
            var failed = here.Where(p => p.Status?.Phase == PodPhase.Failed).ToList();
            delete.AddRange(failed);
            var running = here.Except(failed).ToList();
            if (running.Count == 0)
            {
                createOn.Add(name);
                continue;
            }

            current++;
            delete.AddRange(running.Skip(1)); // duplicates: keep the oldest
            var pod = running[0];
            if (PodConditions.IsReady(pod)) ready++;
            if (RevisionOf(pod) == revision) updated++;
            else old.Add(pod);
        }

        if (daemonSet.Spec.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            var maxUnavailable = (daemonSet.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable ?? IntOrString.FromInt(1)).ScaledValue(desired, roundUp: true);
            var budget = Math.Max(maxUnavailable, 1) - (desired - ready);
            delete.AddRange(old.Where(p => !PodConditions.IsReady(p)));
            delete.AddRange(old.Where(PodConditions.IsReady).OrderBy(p => p.Spec.NodeName, StringComparer.Ordinal).Take(Math.Max(budget, 0)));
        }

        var status = new DaemonSetStatus
        {
            DesiredNumberScheduled = desired,
            CurrentNumberScheduled = current,
            NumberMisscheduled = misscheduled,
            NumberReady = ready,
            UpdatedNumberScheduled = updated,
            NumberAvailable = ready,
            NumberUnavailable = desired - ready,
            ObservedGeneration = daemonSet.Metadata.Generation,
            CollisionCount = daemonSet.Status?.CollisionCount,
            Conditions = daemonSet.Status?.Conditions,
        };
        return new DaemonSetPlan(createOn, delete.Distinct().ToList(), force, status);
    }

    /// <summary>The revision label of <paramref name="pod"/>.</summary>
    public static string? RevisionOf(Pod pod) => pod.Metadata.Labels?.GetValueOrDefault(RevisionLabel);

    /// <summary>A daemon pod for <paramref name="node"/>: bound to it (nodeName, and a required node affinity on its name, which the scheduler would honour), with the daemon tolerations.</summary>
    public static void PinTo(Pod pod, string node)
    {
        pod.Spec.NodeName = node;
        var affinity = pod.Spec.Affinity ??= new Affinity();
        var nodeAffinity = affinity.NodeAffinity ??= new NodeAffinity();
        nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
        {
            NodeSelectorTerms = [new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = [node] }] }],
        };
        var tolerations = pod.Spec.Tolerations ??= [];
        foreach (var toleration in DaemonPlacement.DaemonTolerations)
        {
            if (!tolerations.Any(t => t.Key == toleration.Key && t.Effect == toleration.Effect))
                tolerations.Add(new Toleration { Key = toleration.Key, Operator = toleration.Operator, Effect = toleration.Effect });
        }
    }
}
