using Orchestrator.Actors.NodeApi;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>The runtime's health as the Ready condition reports it.</summary>
/// <param name="Reachable">The runtime answered its last probe.</param>
/// <param name="Version">containerRuntimeVersion, e.g. <c>docker://27.1.1</c>.</param>
/// <param name="Error">Why the probe failed, when it did.</param>
public sealed record RuntimeHealth(bool Reachable, string Version, string? Error);

/// <summary>Pure builders of the objects the node agent writes: its Node and its Lease.</summary>
public static class NodeObjects
{
    /// <summary>Namespace of node heartbeat leases.</summary>
    public const string LeaseNamespace = "kube-node-lease";

    /// <summary>The address the node and its pods' hostIP report.</summary>
    public const string InternalIp = "127.0.0.1";

    /// <summary>Reason of Ready=True.</summary>
    public const string ReadyReason = "KubeletReady";

    /// <summary>Reason of Ready=False when the runtime does not answer.</summary>
    public const string DockerUnreachableReason = "DockerUnreachable";

    /// <summary>
    /// The Node this agent registers: labels and taints from settings, capacity from the host, the status built by
    /// <see cref="Status"/>, and the agent's actor path (<paramref name="agentPath"/>) in the
    /// <see cref="NodeAgentEndpoint.Annotation"/> annotation, where the admin console finds it for logs and exec.
    /// </summary>
    public static Node Node(NodeAgentSettings settings, HostFacts facts, RuntimeHealth health, DateTimeOffset now, NodePressure? pressure = null, string? agentPath = null)
    {
        var labels = new Dictionary<string, string>(settings.Labels, StringComparer.Ordinal)
        {
            ["kubernetes.io/hostname"] = settings.NodeName,
            ["kubernetes.io/os"] = facts.OperatingSystem,
            ["kubernetes.io/arch"] = facts.Architecture,
        };
        return new Node
        {
            Metadata =
            {
                Name = settings.NodeName,
                Labels = labels,
                Annotations = agentPath is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [NodeAgentEndpoint.Annotation] = agentPath },
            },
            Spec = new NodeSpec { Taints = settings.Taints.Count == 0 ? null : settings.Taints.Select(CopyTaint).ToList() },
            Status = Status(settings, facts, health, null, now, pressure),
        };
    }

    /// <summary>The Node's status; each condition keeps its transition time from <paramref name="previous"/> when its status did not change.</summary>
    public static NodeStatus Status(
        NodeAgentSettings settings, HostFacts facts, RuntimeHealth health, NodeStatus? previous, DateTimeOffset now, NodePressure? pressure = null)
    {
        pressure ??= NodePressure.None;
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Quantity.FromValue(facts.Cpus),
            ["memory"] = Quantity.FromValue(facts.MemoryBytes, QuantityFormat.BinarySI),
            ["pods"] = Quantity.FromValue(settings.MaxPods),
        };
        var allocatable = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = AtLeastZero(capacity["cpu"] - settings.ReservedCpu),
            ["memory"] = AtLeastZero(capacity["memory"] - settings.ReservedMemory),
            ["pods"] = capacity["pods"],
        };
        return new NodeStatus
        {
            Capacity = capacity,
            Allocatable = allocatable,
            Addresses =
            [
                new NodeAddress { Type = "InternalIP", Address = InternalIp },
                new NodeAddress { Type = "Hostname", Address = facts.Hostname },
            ],
            Conditions =
            [
                ReadyCondition(health, previous?.Conditions?.FirstOrDefault(c => c.Type == "Ready"), now),
                Condition("MemoryPressure", pressure.Memory, pressure.Memory ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory",
                    pressure.MemoryMessage, previous, now),
                Condition("DiskPressure", pressure.Disk, pressure.Disk ? "KubeletHasDiskPressure" : "KubeletHasNoDiskPressure",
                    pressure.DiskMessage, previous, now),
                Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available", previous, now),
            ],
            NodeInfo = new NodeSystemInfo
            {
                MachineID = facts.MachineId,
                BootID = facts.BootId,
                KernelVersion = facts.KernelVersion,
                OsImage = facts.OsImage,
                OperatingSystem = facts.OperatingSystem,
                Architecture = facts.Architecture,
                ContainerRuntimeVersion = health.Version,
                KubeletVersion = "orchestrator-" + (typeof(NodeObjects).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"),
            },
        };
    }

    /// <summary>Ready True (KubeletReady) or False (DockerUnreachable); the transition time moves only when the status changes.</summary>
    public static NodeCondition ReadyCondition(RuntimeHealth health, NodeCondition? previous, DateTimeOffset now)
    {
        var status = health.Reachable ? "True" : "False";
        return new NodeCondition
        {
            Type = "Ready",
            Status = status,
            Reason = health.Reachable ? ReadyReason : DockerUnreachableReason,
            Message = health.Reachable ? "kubelet is posting ready status" : $"Docker is unreachable: {health.Error}",
            LastHeartbeatTime = now,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : now,
        };
    }

    private static NodeCondition Condition(string type, bool value, string reason, string message, NodeStatus? previous, DateTimeOffset now)
    {
        var status = value ? "True" : "False";
        var before = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new NodeCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = now,
            LastTransitionTime = before is not null && before.Status == status ? before.LastTransitionTime : now,
        };
    }

    /// <summary>A new heartbeat Lease of the node, acquired and renewed now.</summary>
    public static Lease Lease(NodeAgentSettings settings, DateTimeOffset now) => new()
    {
        Metadata = { Name = settings.NodeName, Namespace = LeaseNamespace },
        Spec = new LeaseSpec
        {
            HolderIdentity = settings.NodeName,
            LeaseDurationSeconds = (int)settings.LeaseDuration.TotalSeconds,
            AcquireTime = now,
            RenewTime = now,
        },
    };

    private static Quantity AtLeastZero(Quantity value) => value < Quantity.Zero ? Quantity.Zero : value;

    private static Taint CopyTaint(Taint taint) => new() { Key = taint.Key, Value = taint.Value, Effect = taint.Effect };
}
