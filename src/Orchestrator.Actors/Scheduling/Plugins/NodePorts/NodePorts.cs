using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>Rejects a node where a host port the pod asks for is already taken (same protocol and port, overlapping address).</summary>
public sealed class NodePorts : IPreFilterPlugin, IFilterPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodePorts";

    /// <summary>The rejection reason.</summary>
    public const string ReasonPortsTaken = "node(s) didn't have free ports for the requested pod ports";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded | ClusterEvents.AssignedPodRemoved;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot) =>
        pod.HostPorts.Length == 0 ? Status.Skip : Status.Success;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var used = node.UsedPorts;
        foreach (var wanted in pod.HostPorts)
        {
            for (var i = 0; i < used.Count; i++)
            {
                if (wanted.ConflictsWith(used[i])) return Status.Unschedulable(ReasonPortsTaken);
            }
        }

        return Status.Success;
    }
}
