namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>One pod of a scale target as the autoscaler sees it.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Ready">True when the pod's Ready condition is True; an unready pod's usage is not trusted.</param>
/// <param name="CpuRequestMilli">The sum of its containers' cpu requests in millicores; null when any container has none.</param>
/// <param name="CpuUsageMilli">Its cpu usage in millicores from PodMetrics; null when no sample exists.</param>
public sealed record PodSample(string Name, bool Ready, long? CpuRequestMilli, long? CpuUsageMilli);

/// <summary>What the metric says: the replica count it asks for and the utilization it saw.</summary>
/// <param name="Replicas">Replicas the metric asks for (before min/max and stabilization).</param>
/// <param name="Utilization">Average utilization of the ready pods with samples, in percent of their requests.</param>
/// <param name="Error">Why no proposal could be made (no samples, missing requests); null otherwise.</param>
public sealed record ReplicaProposal(int Replicas, int Utilization, string? Error = null);

/// <summary>
/// Replicas for a cpu utilization target (pure), as the autoscaling/v2 algorithm:
/// <c>desired = ceil(current × utilization / target)</c>, unchanged while the ratio is within the
/// tolerance of 1. Pods without samples are assumed to use 100% of their request when scaling down
/// and 0% when scaling up; unready pods count as 0% when scaling up and are left out otherwise; if
/// those assumptions reverse the direction or bring the ratio within tolerance, nothing changes.
/// </summary>
public static class ReplicaCalculator
{
    /// <summary>The proposal for <paramref name="pods"/> (the target's pods, <paramref name="currentReplicas"/> of them desired now) and <paramref name="targetUtilization"/> percent.</summary>
    public static ReplicaProposal ForCpu(int currentReplicas, IReadOnlyList<PodSample> pods, int targetUtilization, double tolerance)
    {
        if (pods.Count == 0) return new ReplicaProposal(currentReplicas, 0, "no pods of the scale target were found");
        if (pods.FirstOrDefault(p => p.CpuRequestMilli is null or <= 0) is { } unrequested)
            return new ReplicaProposal(currentReplicas, 0, $"missing request for cpu in pod {unrequested.Name}");

        var measured = pods.Where(p => p.Ready && p.CpuUsageMilli is not null).ToList();
        var missing = pods.Where(p => p.Ready && p.CpuUsageMilli is null).ToList();
        var unready = pods.Where(p => !p.Ready).ToList();
        if (measured.Count == 0)
            return new ReplicaProposal(currentReplicas, 0, "no cpu metrics were returned for the ready pods of the scale target");

        var usage = measured.Sum(p => p.CpuUsageMilli!.Value);
        var requests = measured.Sum(p => p.CpuRequestMilli!.Value);
        var utilization = Percent(usage, requests);
        var ratio = (double)utilization / targetUtilization;
        if (missing.Count == 0 && unready.Count == 0)
        {
            return Within(ratio, tolerance)
                ? new ReplicaProposal(currentReplicas, utilization)
                : new ReplicaProposal((int)Math.Ceiling(ratio * measured.Count), utilization);
        }

        // Fill the gaps with the assumption least likely to move in the direction the samples point.
        var scaleUp = ratio > 1;
        foreach (var pod in missing)
        {
            requests += pod.CpuRequestMilli!.Value;
            if (!scaleUp) usage += pod.CpuRequestMilli!.Value;
        }

        if (scaleUp)
        {
            foreach (var pod in unready) requests += pod.CpuRequestMilli!.Value;
        }

        var adjusted = (double)Percent(usage, requests) / targetUtilization;
        if (Within(adjusted, tolerance) || (scaleUp && adjusted < 1) || (!scaleUp && adjusted > 1))
            return new ReplicaProposal(currentReplicas, utilization);

        var counted = measured.Count + missing.Count + (scaleUp ? unready.Count : 0);
        var replicas = (int)Math.Ceiling(adjusted * counted);
        // Never a change against the direction the samples point.
        if ((scaleUp && replicas < currentReplicas) || (!scaleUp && replicas > currentReplicas))
            return new ReplicaProposal(currentReplicas, utilization);
        return new ReplicaProposal(replicas, utilization);
    }

    private static bool Within(double ratio, double tolerance) => Math.Abs(ratio - 1.0) <= tolerance;

    private static int Percent(long usage, long requests) => (int)(usage * 100 / requests);
}
