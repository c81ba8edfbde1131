using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.ReplicaSets;

/// <summary>The ReplicaSet controller's decisions, as pure functions.</summary>
public static class ReplicaSetRules
{
    /// <summary>
    /// How many pods to create, or which to delete (by <see cref="PodRanking"/>), so that <paramref name="active"/>
    /// matches <paramref name="replicas"/>; at most <paramref name="burst"/> either way.
    /// </summary>
    public static (int Create, IReadOnlyList<Pod> Delete) Plan(int replicas, IReadOnlyList<Pod> active, int burst)
    {
        var diff = active.Count - replicas;
        if (diff < 0)
        {
            return (Math.Min(-diff, burst), []);
        }

        return diff > 0 ? (0, PodRanking.ToDelete(active, Math.Min(diff, burst))) : (0, []);
    }

    /// <summary>The status <paramref name="rs"/> should have with <paramref name="active"/> pods at <paramref name="now"/>.</summary>
    public static ReplicaSetStatus Status(ReplicaSet rs, IReadOnlyList<Pod> active, DateTimeOffset now)
    {
        var templateLabels = rs.Spec.Template?.Metadata?.Labels ?? [];
        var minReady = rs.Spec.MinReadySeconds ?? 0;
        return new ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => templateLabels.All(l => p.Metadata.Label(l.Key) == l.Value)),
            ReadyReplicas = active.Count(PodConditions.IsReady),
            AvailableReplicas = active.Count(p => PodConditions.IsAvailable(p, minReady, now)),
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = rs.Status?.Conditions,
        };
    }

    /// <summary>True when the two statuses report the same counts and generation.</summary>
    public static bool SameStatus(ReplicaSetStatus? a, ReplicaSetStatus b) =>
        a is not null && a.Replicas == b.Replicas && (a.FullyLabeledReplicas ?? 0) == (b.FullyLabeledReplicas ?? 0)
        && (a.ReadyReplicas ?? 0) == (b.ReadyReplicas ?? 0) && (a.AvailableReplicas ?? 0) == (b.AvailableReplicas ?? 0)
        && a.ObservedGeneration == b.ObservedGeneration;

    /// <summary>The earliest time a ready pod becomes available (a requeue so availableReplicas follows minReadySeconds).</summary>
    public static TimeSpan? NextAvailable(IEnumerable<Pod> active, int minReadySeconds, DateTimeOffset now) =>
        active.Select(p => PodConditions.UntilAvailable(p, minReadySeconds, now)).Where(t => t is not null).Min();
}
