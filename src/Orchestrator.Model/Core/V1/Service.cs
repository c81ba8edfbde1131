using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A named abstraction of a software service: a port the proxy listens on and a pod selector (core/v1 Service).</summary>
public sealed class Service : KubernetesObject
{
    /// <summary>Creates an empty service.</summary>
    public Service()
        : base("v1", "Service")
    {
    }

    /// <summary>Behavior of the service.</summary>
    public ServiceSpec Spec { get; set; } = new();

    /// <summary>Observed status. Read-only.</summary>
    public ServiceStatus? Status { get; set; }
}

/// <summary>Service behavior (core/v1 ServiceSpec).</summary>
public sealed class ServiceSpec
{
    /// <summary>Ports exposed by the service. Merged by port.</summary>
    [PatchMerge("port")]
    public List<ServicePort>? Ports { get; set; }

    /// <summary>Routes traffic to pods with these labels; no selector means endpoints are managed externally.</summary>
    public Dictionary<string, string>? Selector { get; set; }

    /// <summary>Virtual IP; "None" for a headless service. Assigned when not set. Cannot be changed once set.</summary>
    public string? ClusterIP { get; set; }

    /// <summary>Virtual IPs, one per family; the first equals clusterIP.</summary>
    public List<string>? ClusterIPs { get; set; }

    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName. Default ClusterIP.</summary>
    public string? Type { get; set; }

    /// <summary>IPs for which nodes also accept traffic for this service.</summary>
    public List<string>? ExternalIPs { get; set; }

    /// <summary>ClientIP or None. Default None.</summary>
    public string? SessionAffinity { get; set; }

    /// <summary>Deprecated requested load-balancer IP.</summary>
    public string? LoadBalancerIP { get; set; }

    /// <summary>Client source ranges allowed through a cloud load balancer.</summary>
    public List<string>? LoadBalancerSourceRanges { get; set; }

    /// <summary>DNS name this ExternalName service aliases.</summary>
    public string? ExternalName { get; set; }

    /// <summary>Cluster or Local. Default Cluster.</summary>
    public string? ExternalTrafficPolicy { get; set; }

    /// <summary>Health check node port for Local external traffic policy.</summary>
    public int? HealthCheckNodePort { get; set; }

    /// <summary>Publish endpoints of not-ready pods. Default false.</summary>
    public bool? PublishNotReadyAddresses { get; set; }

    /// <summary>Session affinity settings.</summary>
    public SessionAffinityConfig? SessionAffinityConfig { get; set; }

    /// <summary>IPv4 and/or IPv6, in order.</summary>
    public List<string>? IpFamilies { get; set; }

    /// <summary>SingleStack, PreferDualStack or RequireDualStack. Default SingleStack.</summary>
    public string? IpFamilyPolicy { get; set; }

    /// <summary>Allocate node ports for a LoadBalancer service. Default true.</summary>
    public bool? AllocateLoadBalancerNodePorts { get; set; }

    /// <summary>Load balancer implementation class.</summary>
    public string? LoadBalancerClass { get; set; }

    /// <summary>Cluster or Local. Default Cluster.</summary>
    public string? InternalTrafficPolicy { get; set; }

    /// <summary>Traffic distribution preference, e.g. PreferClose.</summary>
    public string? TrafficDistribution { get; set; }
}

/// <summary>One port of a service (core/v1 ServicePort).</summary>
public sealed class ServicePort
{
    /// <summary>DNS-1123 label; required when there is more than one port.</summary>
    public string? Name { get; set; }

    /// <summary>TCP, UDP or SCTP. Default TCP.</summary>
    public string? Protocol { get; set; }

    /// <summary>Application protocol, e.g. http, kubernetes.io/h2c.</summary>
    public string? AppProtocol { get; set; }

    /// <summary>Port the service exposes, 1-65535. Required.</summary>
    public int Port { get; set; }

    /// <summary>Port number or name on the pods. Default: the value of port.</summary>
    public IntOrString? TargetPort { get; set; }

    /// <summary>Port on each node for NodePort and LoadBalancer services. Default: allocated.</summary>
    public int? NodePort { get; set; }
}

/// <summary>Session affinity settings (core/v1 SessionAffinityConfig).</summary>
public sealed class SessionAffinityConfig
{
    /// <summary>Client IP affinity settings.</summary>
    public ClientIpConfig? ClientIP { get; set; }
}

/// <summary>Client IP affinity settings (core/v1 ClientIPConfig).</summary>
public sealed class ClientIpConfig
{
    /// <summary>Sticky time in seconds, 1-86400. Default 10800 (3 hours).</summary>
    public int? TimeoutSeconds { get; set; }
}

/// <summary>Observed service state (core/v1 ServiceStatus).</summary>
public sealed class ServiceStatus
{
    /// <summary>State of the load balancer, if any.</summary>
    public LoadBalancerStatus? LoadBalancer { get; set; }

    /// <summary>Current conditions. Merged by type.</summary>
    [PatchMerge("type")]
    public List<Condition>? Conditions { get; set; }
}

/// <summary>State of a load balancer (core/v1 LoadBalancerStatus).</summary>
public sealed class LoadBalancerStatus
{
    /// <summary>Ingress points of the load balancer.</summary>
    public List<LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>One load balancer ingress point (core/v1 LoadBalancerIngress).</summary>
public sealed class LoadBalancerIngress
{
    /// <summary>IP-based ingress point.</summary>
    public string? Ip { get; set; }

    /// <summary>DNS-based ingress point.</summary>
    public string? Hostname { get; set; }

    /// <summary>VIP or Proxy.</summary>
    public string? IpMode { get; set; }

    /// <summary>Per-port status.</summary>
    public List<PortStatus>? Ports { get; set; }
}

/// <summary>Status of one port (core/v1 PortStatus).</summary>
public sealed class PortStatus
{
    /// <summary>Port number. Required.</summary>
    public int Port { get; set; }

    /// <summary>TCP, UDP or SCTP. Required.</summary>
    public string Protocol { get; set; } = "";

    /// <summary>Problem with the port, if any.</summary>
    public string? Error { get; set; }
}
