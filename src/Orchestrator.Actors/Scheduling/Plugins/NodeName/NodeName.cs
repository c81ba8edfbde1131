using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>When the pod names a node (spec.nodeName), only that node fits.</summary>
public sealed class NodeName : IFilterPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeName";

    /// <summary>The rejection reason.</summary>
    public const string ReasonNodeName = "node(s) didn't match the requested node name";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        string.IsNullOrEmpty(pod.Pod.Spec.NodeName) || pod.Pod.Spec.NodeName == node.Name ? Status.Success : Status.Unresolvable(ReasonNodeName);
}
