using System.Globalization;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Metrics.V1beta1;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>A pod the sampler reports on.</summary>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Labels">The pod's labels, copied to its PodMetrics (the HPA selects metrics by them).</param>
internal sealed record SampledPod(string Uid, string Namespace, string Name, IReadOnlyDictionary<string, string>? Labels);

/// <summary>One round of sampling: the raw samples to compare the next round with, and the metrics they give.</summary>
/// <param name="Usage">The latest sample of every running app container, by container id.</param>
/// <param name="Host">The machine's reading, when /proc could be read.</param>
/// <param name="Node">The node's use since the previous round, or null on the first.</param>
/// <param name="Pods">Each pod's use since the previous round, by pod uid (pods with no container sampled twice are missing).</param>
internal sealed record UsageSample(
    IReadOnlyDictionary<string, ContainerUsage> Usage, HostUsage? Host, NodeMetrics? Node, IReadOnlyDictionary<string, PodMetrics> Pods);

/// <summary>
/// Samples CPU and memory of the pods' running app containers (one-shot engine stats) and of the machine (/proc), as
/// the kubelet's resource analyzer does for metrics-server: CPU is a rate, so it comes from two cumulative readings.
/// </summary>
internal static class UsageSampler
{
    /// <summary>Stats calls in flight at once; the engine answers each in a few milliseconds.</summary>
    private const int Parallelism = 8;

    public static async Task<UsageSample> SampleAsync(
        IContainerRuntime runtime, IReadOnlyDictionary<string, SampledPod> pods, IReadOnlyDictionary<string, ContainerUsage> previous,
        HostUsage? previousHost, string nodeName, CancellationToken cancellationToken)
    {
        var containers = await runtime.ListPodContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var running = containers.Where(c => c.Kind == PodLabels.AppKind && c.Running && pods.ContainsKey(c.PodUid)).ToList();
        using var gate = new SemaphoreSlim(Parallelism);
        var sampled = await Task.WhenAll(running.Select(async c =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (Container: c, Sample: await TrySampleAsync(runtime, c.Id, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        var usage = new Dictionary<string, ContainerUsage>(StringComparer.Ordinal);
        var byPod = new Dictionary<string, PodMetrics>(StringComparer.Ordinal);
        foreach (var (container, sample) in sampled.OrderBy(s => s.Container.ContainerName, StringComparer.Ordinal))
        {
            if (sample is null)
            {
                continue;
            }

            usage[container.Id] = sample;
            if (!previous.TryGetValue(container.Id, out var before) || CpuNanocores(before.CpuUsageNanoseconds, after: sample.CpuUsageNanoseconds,
                    sample.Timestamp - before.Timestamp) is not { } nanocores)
            {
                continue;
            }

            var pod = pods[container.PodUid];
            if (!byPod.TryGetValue(pod.Uid, out var metrics))
            {
                metrics = new PodMetrics
                {
                    Metadata = new ObjectMeta
                    {
                        Name = pod.Name,
                        Namespace = pod.Namespace,
                        Labels = pod.Labels is null ? null : new Dictionary<string, string>(pod.Labels),
                        // Owned by the pod: the garbage collector removes metrics that outlive it.
                        OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Name, Uid = pod.Uid }],
                    },
                    Timestamp = sample.Timestamp,
                    Window = Window(sample.Timestamp - before.Timestamp),
                };
                byPod[pod.Uid] = metrics;
            }

            metrics.Containers.Add(new ContainerMetrics { Name = container.ContainerName, Usage = Usage(nanocores, sample.MemoryWorkingSetBytes) });
        }

        var host = HostUsage.Read();
        NodeMetrics? node = null;
        if (host is not null && previousHost is not null &&
            CpuNanocores(previousHost.BusyCpuNanoseconds, host.BusyCpuNanoseconds, host.Timestamp - previousHost.Timestamp) is { } nodeNanocores)
        {
            node = new NodeMetrics
            {
                Metadata = new ObjectMeta { Name = nodeName },
                Timestamp = host.Timestamp,
                Window = Window(host.Timestamp - previousHost.Timestamp),
                Usage = Usage(nodeNanocores, host.MemoryWorkingSetBytes),
            };
        }

        return new UsageSample(usage, host, node, byPod);
    }

    /// <summary>CPU use between two cumulative readings in nanocores (10⁻⁹ CPU), or null when they cannot be compared.</summary>
    public static long? CpuNanocores(ulong before, ulong after, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero || after < before)
        {
            return null;
        }

        return (long)((after - before) / elapsed.TotalSeconds);
    }

    private static Dictionary<string, Quantity> Usage(long nanocores, ulong memoryBytes) => new(StringComparer.Ordinal)
    {
        ["cpu"] = Quantity.FromNanos(nanocores),
        ["memory"] = Quantity.FromValue((long)Math.Min(memoryBytes, long.MaxValue), QuantityFormat.BinarySI),
    };

    private static string Window(TimeSpan window) => window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static async Task<ContainerUsage?> TrySampleAsync(IContainerRuntime runtime, string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return await runtime.SampleUsageAsync(containerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // It exited (or was removed) between the listing and the sample: it is simply not reported this round.
            return null;
        }
    }
}
