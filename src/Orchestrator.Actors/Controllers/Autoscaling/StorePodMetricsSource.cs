using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Metrics.V1beta1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>
/// Pod cpu usage from the PodMetrics objects node agents write into the store (metrics.k8s.io/v1beta1):
/// one List of the namespace per question, each pod's containers summed. Pods without a sample are left out.
/// </summary>
public sealed class StorePodMetricsSource(IActorRef store, TimeSpan timeout) : IPodMetricsSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> CpuUsageMilli(string ns, IReadOnlyCollection<string> pods, CancellationToken cancellationToken)
    {
        var list = await store.Ask<ObjectList>(new ListObjects("metrics.k8s.io", "PodMetrics", ns, ResourceVersion: "0"), timeout, cancellationToken)
            .ConfigureAwait(false);
        if (list.Error is { } error) throw new InvalidOperationException($"reading PodMetrics in {ns} failed: {error.Message}");
        var wanted = pods as IReadOnlySet<string> ?? pods.ToHashSet(StringComparer.Ordinal);
        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not PodMetrics metrics || !wanted.Contains(metrics.Metadata.Name!)) continue;
            usage[metrics.Metadata.Name!] = metrics.Containers.Sum(c => c.Usage.TryGetValue("cpu", out var cpu) ? cpu.MilliValue : 0);
        }
        return usage;
    }
}
