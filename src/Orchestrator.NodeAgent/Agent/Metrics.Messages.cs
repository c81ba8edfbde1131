using Orchestrator.Model.Metrics.V1beta1;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>Asks the <see cref="NodeAgent"/> for its latest usage sample; it replies <see cref="MetricsSnapshot"/>.</summary>
public sealed record GetMetrics
{
    /// <summary>The only instance.</summary>
    public static GetMetrics Instance { get; } = new();
}

/// <summary>The latest sample, as also written to the object store.</summary>
/// <param name="Node">The node's use, or null before the second sample (a rate needs two).</param>
/// <param name="Pods">The use of every pod with a running container, sampled twice or more.</param>
public sealed record MetricsSnapshot(NodeMetrics? Node, IReadOnlyList<PodMetrics> Pods);
