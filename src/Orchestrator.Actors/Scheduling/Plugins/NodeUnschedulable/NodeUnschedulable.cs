using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>Rejects a cordoned node (spec.unschedulable) unless the pod tolerates the <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeUnschedulable";

    /// <summary>The rejection reason.</summary>
    public const string ReasonUnschedulable = "node(s) were unschedulable";

    /// <summary>The taint a cordoned node implies.</summary>
    public static readonly Taint UnschedulableTaint = new() { Key = "node.kubernetes.io/unschedulable", Effect = Tolerations.NoSchedule };

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded | ClusterEvents.NodeUpdated;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        !node.Unschedulable || Tolerations.AnyTolerates(pod.Tolerations, UnschedulableTaint)
            ? Status.Success
            : Status.Unresolvable(ReasonUnschedulable);
}
