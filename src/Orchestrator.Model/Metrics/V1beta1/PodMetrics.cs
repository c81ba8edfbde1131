using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Metrics.V1beta1;

/// <summary>
/// Resource use of one pod's containers over a short window (metrics.k8s.io/v1beta1 PodMetrics), what
/// <c>kubectl top pod</c> and the HorizontalPodAutoscaler read. Written by the node agent of the pod's node.
/// </summary>
public sealed class PodMetrics : KubernetesObject
{
    /// <summary>Creates empty pod metrics.</summary>
    public PodMetrics()
        : base("metrics.k8s.io/v1beta1", "PodMetrics")
    {
    }

    /// <summary>End of the window the usage was measured over.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Length of the window, as a duration string, e.g. <c>15s</c>.</summary>
    public string? Window { get; set; }

    /// <summary>Usage per container (app containers that run).</summary>
    public List<ContainerMetrics> Containers { get; set; } = [];
}

/// <summary>One container's resource use (metrics.k8s.io/v1beta1 ContainerMetrics).</summary>
public sealed class ContainerMetrics
{
    /// <summary>Container name, as in the pod's spec.</summary>
    public string Name { get; set; } = "";

    /// <summary>Usage by resource: <c>cpu</c> in cores (e.g. <c>250m</c>), <c>memory</c> working set in bytes (e.g. <c>12Mi</c>).</summary>
    public Dictionary<string, Quantity> Usage { get; set; } = [];
}
