using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Metrics.V1beta1;

/// <summary>
/// Resource use of a whole node over a short window (metrics.k8s.io/v1beta1 NodeMetrics), what
/// <c>kubectl top node</c> reads. Cluster-scoped, named after the node; written by its node agent.
/// </summary>
public sealed class NodeMetrics : KubernetesObject
{
    /// <summary>Creates empty node metrics.</summary>
    public NodeMetrics()
        : base("metrics.k8s.io/v1beta1", "NodeMetrics")
    {
    }

    /// <summary>End of the window the usage was measured over.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Length of the window, as a duration string, e.g. <c>15s</c>.</summary>
    public string? Window { get; set; }

    /// <summary>Usage by resource: <c>cpu</c> in cores, <c>memory</c> working set in bytes.</summary>
    public Dictionary<string, Quantity> Usage { get; set; } = [];
}
