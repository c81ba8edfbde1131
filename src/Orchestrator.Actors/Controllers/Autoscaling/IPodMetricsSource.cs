namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>
/// Where the autoscaler reads pods' cpu usage (metrics.k8s.io PodMetrics). An interface because the
/// PodMetrics model kind is written by the node agent on another branch: once it is in the store, an
/// implementation lists PodMetrics of the namespace and sums each pod's container cpu usage. Scenario specs
/// feed a test double.
/// </summary>
public interface IPodMetricsSource
{
    /// <summary>The cpu usage in millicores of each of <paramref name="pods"/> in <paramref name="ns"/> that has a sample; pods without one are left out.</summary>
    Task<IReadOnlyDictionary<string, long>> CpuUsageMilli(string ns, IReadOnlyCollection<string> pods, CancellationToken cancellationToken);
}
