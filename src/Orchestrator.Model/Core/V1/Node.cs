using System.Text.Json.Serialization;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A worker machine (core/v1 Node). Cluster-scoped.</summary>
public sealed class Node : KubernetesObject
{
    /// <summary>Creates an empty node.</summary>
    public Node()
        : base("v1", "Node")
    {
    }

    /// <summary>Behavior of the node.</summary>
    public NodeSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public NodeStatus? Status { get; set; }
}

/// <summary>Node behavior (core/v1 NodeSpec).</summary>
public sealed class NodeSpec
{
    /// <summary>Pod IP range assigned to the node.</summary>
    public string? PodCIDR { get; set; }

    /// <summary>Pod IP ranges, one per family; the first equals podCIDR. Merged as a set.</summary>
    [PatchMerge]
    public List<string>? PodCIDRs { get; set; }

    /// <summary>Cloud provider's id of the node.</summary>
    public string? ProviderID { get; set; }

    /// <summary>Keeps new pods off the node. Default false.</summary>
    public bool? Unschedulable { get; set; }

    /// <summary>Taints that repel pods without matching tolerations.</summary>
    public List<Taint>? Taints { get; set; }
}

/// <summary>A taint on a node (core/v1 Taint).</summary>
public sealed class Taint
{
    /// <summary>Taint key. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>Taint value.</summary>
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute. Required.</summary>
    public string Effect { get; set; } = "";

    /// <summary>When a NoExecute taint was added.</summary>
    public DateTimeOffset? TimeAdded { get; set; }
}

/// <summary>Observed node state (core/v1 NodeStatus).</summary>
public sealed class NodeStatus
{
    /// <summary>Total resources of the node.</summary>
    public Dictionary<string, Quantity>? Capacity { get; set; }

    /// <summary>Resources available for scheduling. Default: capacity.</summary>
    public Dictionary<string, Quantity>? Allocatable { get; set; }

    /// <summary>Deprecated node lifecycle phase.</summary>
    public string? Phase { get; set; }

    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable. Merged by type.</summary>
    [PatchMerge("type")]
    public List<NodeCondition>? Conditions { get; set; }

    /// <summary>Addresses reachable to the node. Merged by type.</summary>
    [PatchMerge("type")]
    public List<NodeAddress>? Addresses { get; set; }

    /// <summary>Endpoints of daemons running on the node.</summary>
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }

    /// <summary>General information about the node.</summary>
    public NodeSystemInfo? NodeInfo { get; set; }

    /// <summary>Container images on the node.</summary>
    public List<ContainerImage>? Images { get; set; }

    /// <summary>Volumes in use (mounted) by the node.</summary>
    public List<string>? VolumesInUse { get; set; }
}

/// <summary>One node condition (core/v1 NodeCondition).</summary>
public sealed class NodeCondition
{
    /// <summary>Type of the condition. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition was reported.</summary>
    public DateTimeOffset? LastHeartbeatTime { get; set; }

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Details of the last transition.</summary>
    public string? Message { get; set; }
}

/// <summary>An address of a node (core/v1 NodeAddress).</summary>
public sealed class NodeAddress
{
    /// <summary>Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>The address. Required.</summary>
    public string Address { get; set; } = "";
}

/// <summary>Ports of daemons on the node (core/v1 NodeDaemonEndpoints).</summary>
public sealed class NodeDaemonEndpoints
{
    /// <summary>Port the kubelet listens on.</summary>
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}

/// <summary>One daemon port (core/v1 DaemonEndpoint); the field is capitalised "Port" on the wire.</summary>
public sealed class DaemonEndpoint
{
    /// <summary>Port number. Required.</summary>
    [JsonPropertyName("Port")]
    public int Port { get; set; }
}

/// <summary>Identity and versions of a node (core/v1 NodeSystemInfo).</summary>
public sealed class NodeSystemInfo
{
    /// <summary>Machine id reported by the node.</summary>
    public string MachineID { get; set; } = "";

    /// <summary>System UUID reported by the node.</summary>
    public string SystemUUID { get; set; } = "";

    /// <summary>Boot id reported by the node.</summary>
    public string BootID { get; set; } = "";

    /// <summary>Kernel version (uname -r).</summary>
    public string KernelVersion { get; set; } = "";

    /// <summary>OS image (/etc/os-release PRETTY_NAME).</summary>
    public string OsImage { get; set; } = "";

    /// <summary>Container runtime and version, e.g. containerd://1.7.0.</summary>
    public string ContainerRuntimeVersion { get; set; } = "";

    /// <summary>Kubelet version.</summary>
    public string KubeletVersion { get; set; } = "";

    /// <summary>Deprecated kube-proxy version.</summary>
    public string? KubeProxyVersion { get; set; }

    /// <summary>Operating system, e.g. linux.</summary>
    public string OperatingSystem { get; set; } = "";

    /// <summary>Architecture, e.g. amd64.</summary>
    public string Architecture { get; set; } = "";
}

/// <summary>A container image on a node (core/v1 ContainerImage).</summary>
public sealed class ContainerImage
{
    /// <summary>Names the image is known by.</summary>
    public List<string>? Names { get; set; }

    /// <summary>Size in bytes.</summary>
    public long? SizeBytes { get; set; }
}
