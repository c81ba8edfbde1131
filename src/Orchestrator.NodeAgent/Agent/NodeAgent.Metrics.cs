using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Metrics.V1beta1;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Resource metrics, as metrics-server publishes the kubelet's: every <c>metrics-interval</c> the agent samples its pods'
/// containers and the machine, and writes one PodMetrics per pod and one NodeMetrics (metrics.k8s.io/v1beta1), updated in
/// place; a pod's metrics are deleted with it. <see cref="GetMetrics"/> answers from the latest sample.
/// </summary>
public sealed partial class NodeAgent
{
    private static readonly object MetricsKey = "metrics";

    private readonly Dictionary<string, PodMetrics> _podMetrics = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, ContainerUsage> _usage = new Dictionary<string, ContainerUsage>();
    private HostUsage? _hostUsage;
    private NodeMetrics? _nodeMetrics;
    private bool _sampling;

    private void ReceiveMetrics()
    {
        Receive<MetricsTick>(_ => SampleUsage());
        Receive<UsageSampled>(HandleUsageSampled);
        Receive<MetricsPublished>(_ => { });
        Receive<GetMetrics>(_ => Sender.Tell(new MetricsSnapshot(_nodeMetrics, _podMetrics.Values.ToList()), Self));
    }

    private void StartMetrics() => Timers.StartPeriodicTimer(MetricsKey, MetricsTick.Instance, _settings.MetricsInterval);

    private void SampleUsage()
    {
        if (_sampling)
        {
            return;
        }

        _sampling = true;
        var pods = _pods.Where(p => !p.Value.Gone && !p.Value.Stopping)
            .ToDictionary(p => p.Key, p => new SampledPod(p.Key, p.Value.Namespace, p.Value.Name, p.Value.Labels), StringComparer.Ordinal);
        UsageSampler.SampleAsync(_runtime, pods, _usage, _hostUsage, NodeName, _lifetime.Token)
            .PipeTo(Self, success: s => new UsageSampled(s), failure: _ => new UsageSampled(null));
    }

    private void HandleUsageSampled(UsageSampled sampled)
    {
        _sampling = false;
        if (sampled.Sample is not { } sample)
        {
            return; // the runtime did not answer; the next round tries again
        }

        _usage = sample.Usage;
        _hostUsage = sample.Host ?? _hostUsage;
        if (sample.Node is { } node)
        {
            _nodeMetrics = node;
            Publish(node);
        }

        foreach (var (uid, metrics) in sample.Pods)
        {
            if (_pods.TryGetValue(uid, out var entry) && !entry.Gone && !entry.Stopping)
            {
                _podMetrics[uid] = metrics;
                Publish(metrics);
            }
        }
    }

    /// <summary>The pod's worker ended: its metrics go with it.</summary>
    private void ForgetMetrics(string uid, string ns, string name)
    {
        if (_podMetrics.Remove(uid))
        {
            _store.Tell(new DeleteObject(new ObjectKey("metrics.k8s.io", "PodMetrics", ns, name)), Self);
        }
    }

    private void Publish(Orchestrator.Model.KubernetesObject metrics) =>
        // Sampled objects are never changed after they are built, so they go to the store as they are.
        StoreCalls.PutAsync(_store, metrics, _settings.RequestTimeout)
            .PipeTo(Self, success: () => new MetricsPublished(), failure: ex => new Failed("publish metrics", ex));

    private sealed record MetricsTick
    {
        public static readonly MetricsTick Instance = new();
    }

    private sealed record UsageSampled(UsageSample? Sample);

    private sealed record MetricsPublished;
}
