using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.NodeLifecycle;

/// <summary>The node lifecycle controller's decisions, as pure functions.</summary>
public static class NodeLifecycleRules
{
    /// <summary>Taint of a node whose heartbeat stopped (Ready=Unknown).</summary>
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";

    /// <summary>Taint of a node that reports Ready=False.</summary>
    public const string NotReadyTaint = "node.kubernetes.io/not-ready";

    /// <summary>The effect of both taints: running pods are evicted after their toleration.</summary>
    public const string NoExecute = Tolerations.NoExecute;

    /// <summary>Reason of the Ready=Unknown this controller writes.</summary>
    public const string NodeStatusUnknown = "NodeStatusUnknown";

    /// <summary>Reason of the Ready=True this controller writes back when a silent node's lease is renewed again.</summary>
    public const string NodeStatusRecovered = "NodeLeaseRenewed";

    /// <summary>
    /// The Ready condition a node should have: Unknown when its lease is older than the grace period; True again
    /// when the lease is fresh and the Unknown was this controller's (the agent posts its Ready only when it
    /// changes); otherwise as posted. Null when the current one stands.
    /// </summary>
    public static NodeCondition? ReadyCondition(Node node, bool silent, DateTimeOffset now)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (silent)
        {
            return ready?.Status == "Unknown" ? null : new NodeCondition
            {
                Type = "Ready",
                Status = "Unknown",
                Reason = NodeStatusUnknown,
                Message = "Kubelet stopped posting node status.",
                LastHeartbeatTime = ready?.LastHeartbeatTime,
                LastTransitionTime = now,
            };
        }

        return ready is { Status: "Unknown", Reason: NodeStatusUnknown } ? new NodeCondition
        {
            Type = "Ready",
            Status = "True",
            Reason = NodeStatusRecovered,
            Message = "The node's lease is renewed again.",
            LastHeartbeatTime = now,
            LastTransitionTime = now,
        } : null;
    }

    /// <summary>
    /// The node's taints given its Ready status: unreachable:NoExecute for Unknown, not-ready:NoExecute for False,
    /// neither for True; other taints are kept, and a taint that stays keeps its timeAdded.
    /// </summary>
    public static List<Taint> Taints(IReadOnlyList<Taint> current, string? readyStatus, DateTimeOffset now)
    {
        var wanted = readyStatus switch
        {
            "Unknown" => UnreachableTaint,
            "True" => null,
            _ => NotReadyTaint,
        };
        var taints = current.Where(t => !(t.Effect == NoExecute && t.Key is UnreachableTaint or NotReadyTaint && t.Key != wanted)).ToList();
        if (wanted is not null && !taints.Any(t => t.Key == wanted && t.Effect == NoExecute))
        {
            taints.Add(new Taint { Key = wanted, Effect = NoExecute, TimeAdded = now });
        }

        return taints;
    }

    /// <summary>
    /// How long <paramref name="pod"/> may stay on a node with <paramref name="taints"/>: null when it tolerates every
    /// NoExecute taint forever (or there is none), else the time left until its eviction (zero or less: now).
    /// A NoExecute taint the pod does not tolerate counts with <paramref name="defaultTolerationSeconds"/>, the
    /// toleration Kubernetes' DefaultTolerationSeconds admission gives every pod for unreachable and not-ready.
    /// </summary>
    public static TimeSpan? EvictionIn(Pod pod, IEnumerable<Taint> taints, long defaultTolerationSeconds, DateTimeOffset now)
    {
        TimeSpan? earliest = null;
        foreach (var taint in taints.Where(t => t.Effect == NoExecute))
        {
            var matching = (pod.Spec.Tolerations ?? []).Where(t => Tolerations.Tolerates(t, taint)).ToList();
            long? seconds = matching.Count == 0
                ? (taint.Key is UnreachableTaint or NotReadyTaint ? defaultTolerationSeconds : 0)
                : matching.Any(t => t.TolerationSeconds is null) ? null : matching.Min(t => t.TolerationSeconds!.Value);
            if (seconds is not { } s)
            {
                continue;
            }

            var left = (taint.TimeAdded ?? now).AddSeconds(Math.Max(s, 0)) - now;
            earliest = earliest is null || left < earliest ? left : earliest;
        }

        return earliest;
    }
}
