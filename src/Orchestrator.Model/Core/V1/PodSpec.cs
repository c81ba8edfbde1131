using System.Text.Json.Serialization;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>Specification of a pod (core/v1 PodSpec).</summary>
public sealed class PodSpec
{
    /// <summary>Volumes containers can mount. Merged by name.</summary>
    [PatchMerge("name")]
    public List<Volume>? Volumes { get; set; }

    /// <summary>Containers run in order before the app containers start. Merged by name.</summary>
    [PatchMerge("name")]
    public List<Container>? InitContainers { get; set; }

    /// <summary>The pod's containers; at least one. Required. Merged by name.</summary>
    [PatchMerge("name")]
    public List<Container> Containers { get; set; } = [];

    /// <summary>Always, OnFailure or Never. Default Always.</summary>
    public string? RestartPolicy { get; set; }

    /// <summary>Seconds for graceful termination before containers are killed. Default 30.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Seconds the pod may be active on a node before it is failed; a positive integer.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>ClusterFirstWithHostNet, ClusterFirst, Default or None. Default ClusterFirst.</summary>
    public string? DnsPolicy { get; set; }

    /// <summary>Labels a node must have for the pod to fit.</summary>
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Service account the pod runs as. Default "default".</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>Deprecated alias of serviceAccountName.</summary>
    public string? ServiceAccount { get; set; }

    /// <summary>Mount the service account token automatically. Default true.</summary>
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>Node the pod is bound to; set by the scheduler, or by the user to bypass it.</summary>
    public string? NodeName { get; set; }

    /// <summary>Use the host's network namespace. Default false.</summary>
    public bool? HostNetwork { get; set; }

    /// <summary>Use the host's PID namespace. Default false.</summary>
    public bool? HostPID { get; set; }

    /// <summary>Use the host's IPC namespace. Default false.</summary>
    public bool? HostIPC { get; set; }

    /// <summary>Share a single process namespace between containers. Default false.</summary>
    public bool? ShareProcessNamespace { get; set; }

    /// <summary>Pod-level security attributes. Default: empty.</summary>
    public PodSecurityContext? SecurityContext { get; set; }

    /// <summary>Secrets used to pull images. Merged by name.</summary>
    [PatchMerge("name")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Hostname of the pod. Default: the pod's name.</summary>
    public string? Hostname { get; set; }

    /// <summary>Subdomain; the FQDN becomes hostname.subdomain.namespace.svc.cluster-domain.</summary>
    public string? Subdomain { get; set; }

    /// <summary>Scheduling constraints.</summary>
    public Affinity? Affinity { get; set; }

    /// <summary>Scheduler to dispatch the pod. Default "default-scheduler".</summary>
    public string? SchedulerName { get; set; }

    /// <summary>Taints the pod tolerates. Replaced as a whole by patches.</summary>
    public List<Toleration>? Tolerations { get; set; }

    /// <summary>Extra /etc/hosts entries. Merged by ip.</summary>
    [PatchMerge("ip")]
    public List<HostAlias>? HostAliases { get; set; }

    /// <summary>Name of the PriorityClass; resolved into priority at admission.</summary>
    public string? PriorityClassName { get; set; }

    /// <summary>Priority value; higher is more important. Set by admission from priorityClassName. Default 0.</summary>
    public int? Priority { get; set; }

    /// <summary>DNS parameters in addition to dnsPolicy.</summary>
    public PodDnsConfig? DnsConfig { get; set; }

    /// <summary>Extra conditions that must hold for the pod to be ready.</summary>
    public List<PodReadinessGate>? ReadinessGates { get; set; }

    /// <summary>RuntimeClass to run the pod with. Default: the node's default handler.</summary>
    public string? RuntimeClassName { get; set; }

    /// <summary>Inject service environment variables. Default true.</summary>
    public bool? EnableServiceLinks { get; set; }

    /// <summary>Never or PreemptLowerPriority. Default PreemptLowerPriority.</summary>
    public string? PreemptionPolicy { get; set; }

    /// <summary>Resource overhead of running the pod's sandbox, set at admission from the RuntimeClass.</summary>
    public Dictionary<string, Quantity>? Overhead { get; set; }

    /// <summary>How pods spread across topology domains. Merged by topologyKey.</summary>
    [PatchMerge("topologyKey")]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    /// <summary>Use the FQDN as the hostname. Default false.</summary>
    [JsonPropertyName("setHostnameAsFQDN")]
    public bool? SetHostnameAsFqdn { get; set; }

    /// <summary>Operating system of the containers.</summary>
    public PodOs? Os { get; set; }

    /// <summary>Use the host's user namespace. Default true.</summary>
    public bool? HostUsers { get; set; }

    /// <summary>Gates that keep the pod from being scheduled while present. Merged by name.</summary>
    [PatchMerge("name")]
    public List<PodSchedulingGate>? SchedulingGates { get; set; }
}

/// <summary>A gate that holds a pod back from scheduling (core/v1 PodSchedulingGate).</summary>
public sealed class PodSchedulingGate
{
    /// <summary>Name of the gate. Required.</summary>
    public string Name { get; set; } = "";
}
