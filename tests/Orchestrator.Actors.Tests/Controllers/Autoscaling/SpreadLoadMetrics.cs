using Orchestrator.Actors.Controllers.Autoscaling;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>
/// A test double of the pod metrics (the PodMetrics kind is not on this branch): a total cpu load the spec
/// sets, shared evenly by whatever pods are asked about — like a service whose requests spread over its replicas.
/// </summary>
public sealed class SpreadLoadMetrics : IPodMetricsSource
{
    private long _totalMilli;

    /// <summary>Sets the total load in millicores.</summary>
    public void SetTotal(long milli) => Interlocked.Exchange(ref _totalMilli, milli);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> CpuUsageMilli(string ns, IReadOnlyCollection<string> pods, CancellationToken cancellationToken)
    {
        var each = pods.Count == 0 ? 0 : Interlocked.Read(ref _totalMilli) / pods.Count;
        return Task.FromResult<IReadOnlyDictionary<string, long>>(pods.ToDictionary(p => p, _ => each));
    }
}
