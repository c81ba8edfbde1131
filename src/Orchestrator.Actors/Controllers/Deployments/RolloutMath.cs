using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>One ReplicaSet as the rollout arithmetic sees it.</summary>
/// <param name="Key">Its cache key.</param>
/// <param name="Spec">spec.replicas.</param>
/// <param name="Active">Active pods it has in the controller's cache (terminating and finished ones excluded).</param>
/// <param name="Available">Of those, available ones (ready for minReadySeconds).</param>
/// <param name="Ready">Of those, ready ones.</param>
/// <param name="Created">Its creationTimestamp (older ones are scaled down first).</param>
public sealed record ReplicaSetCount(string Key, int Spec, int Active, int Available, int Ready, DateTimeOffset Created)
{
    /// <summary>
    /// Pods it may have right now: its spec, or more while surplus pods are still being deleted. Summing this
    /// over all ReplicaSets bounds the live pods even when a scale-down has not reached them yet.
    /// </summary>
    public int Pods => Math.Max(Spec, Active);

    /// <summary>Available pods it keeps: never more than its spec, since surplus pods are about to be deleted.</summary>
    public int KeptAvailable => Math.Min(Spec, Available);
}

/// <summary>RollingUpdate arithmetic, as Kubernetes' deployment controller does it, as pure functions.</summary>
public static class RolloutMath
{
    /// <summary>The default of maxSurge and maxUnavailable.</summary>
    public static readonly IntOrString DefaultFencepost = "25%";

    /// <summary>
    /// maxSurge rounded up and maxUnavailable rounded down against <paramref name="replicas"/>; when both come
    /// out 0, maxUnavailable becomes 1 so a rollout can proceed.
    /// </summary>
    public static (int Surge, int Unavailable) Fenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int replicas)
    {
        var surge = (maxSurge ?? DefaultFencepost).ScaledValue(replicas, roundUp: true);
        var unavailable = (maxUnavailable ?? DefaultFencepost).ScaledValue(replicas, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    /// <summary>The new ReplicaSet's replicas: up by what the surge allows, never past <paramref name="replicas"/>.</summary>
    public static int NewReplicas(int replicas, int surge, int allPods, int newSpec)
    {
        if (newSpec >= replicas)
        {
            return replicas;
        }

        var room = replicas + surge - allPods;
        return room <= 0 ? newSpec : newSpec + Math.Min(room, replicas - newSpec);
    }

    /// <summary>
    /// New spec.replicas of the old ReplicaSets (oldest first), keeping at least <c>replicas − unavailable</c>
    /// available: first the unavailable pods go (they cost nothing), then available ones down to the minimum.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ScaleDownOld(IReadOnlyList<ReplicaSetCount> old, int replicas, int unavailable, int allPods, int newSpec, int newAvailable)
    {
        var targets = old.ToDictionary(o => o.Key, o => o.Spec, StringComparer.Ordinal);
        if (old.Sum(o => o.Spec) == 0)
        {
            return targets;
        }

        var minAvailable = replicas - unavailable;
        var newUnavailable = Math.Max(newSpec - newAvailable, 0);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return targets;
        }

        var ordered = old.OrderBy(o => o.Created).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
        foreach (var rs in ordered)
        {
            var unhealthy = targets[rs.Key] - rs.KeptAvailable;
            if (maxScaledDown <= 0)
            {
                break;
            }

            if (unhealthy > 0)
            {
                var cut = Math.Min(maxScaledDown, unhealthy);
                targets[rs.Key] -= cut;
                maxScaledDown -= cut;
            }
        }

        var available = old.Sum(o => Math.Min(targets[o.Key], o.Available)) + Math.Min(newSpec, newAvailable);
        var scaleDown = Math.Min(available - minAvailable, maxScaledDown);
        foreach (var rs in ordered)
        {
            if (scaleDown <= 0)
            {
                break;
            }

            var cut = Math.Min(targets[rs.Key], scaleDown);
            targets[rs.Key] -= cut;
            scaleDown -= cut;
        }

        return targets;
    }
}
