using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>What controllers read from a pod's status, as Kubernetes' podutil does.</summary>
public static class PodConditions
{
    /// <summary>Not finished and not being deleted: a pod that counts towards a workload's replicas.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhase.Succeeded or PodPhase.Failed);

    /// <summary>Being deleted (graceful deletion under way).</summary>
    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>The pod's Ready condition, if any.</summary>
    public static PodCondition? ReadyCondition(Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>Ready=True.</summary>
    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (ReadyCondition(pod) is not { Status: "True" } ready)
        {
            return false;
        }

        return minReadySeconds <= 0 || (ready.LastTransitionTime is { } since && since.AddSeconds(minReadySeconds) <= now);
    }

    /// <summary>When a ready pod that is not yet available becomes available; null when it is not ready or already available.</summary>
    public static TimeSpan? UntilAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (minReadySeconds <= 0 || ReadyCondition(pod) is not { Status: "True", LastTransitionTime: { } since })
        {
            return null;
        }

        var left = since.AddSeconds(minReadySeconds) - now;
        return left > TimeSpan.Zero ? left : null;
    }
}
