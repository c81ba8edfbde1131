using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Networking.V1;

/// <summary>Rules that route external HTTP traffic to services (networking.k8s.io/v1 Ingress).</summary>
public sealed class Ingress : KubernetesObject
{
    /// <summary>Creates an empty ingress.</summary>
    public Ingress()
        : base("networking.k8s.io/v1", "Ingress")
    {
    }

    /// <summary>Desired behavior.</summary>
    public IngressSpec Spec { get; set; } = new();

    /// <summary>Observed status. Read-only.</summary>
    public IngressStatus? Status { get; set; }
}

/// <summary>Desired ingress behavior (networking.k8s.io/v1 IngressSpec).</summary>
public sealed class IngressSpec
{
    /// <summary>Name of the IngressClass. Default: the cluster's default class.</summary>
    public string? IngressClassName { get; set; }

    /// <summary>Backend for requests no rule matches. Default: the controller's.</summary>
    public IngressBackend? DefaultBackend { get; set; }

    /// <summary>TLS configuration.</summary>
    public List<IngressTls>? Tls { get; set; }

    /// <summary>Host rules; unmatched traffic goes to the default backend.</summary>
    public List<IngressRule>? Rules { get; set; }
}

/// <summary>Where traffic goes; service or resource, not both (networking.k8s.io/v1 IngressBackend).</summary>
public sealed class IngressBackend
{
    /// <summary>A service backend.</summary>
    public IngressServiceBackend? Service { get; set; }

    /// <summary>An object in the same namespace.</summary>
    public TypedLocalObjectReference? Resource { get; set; }
}

/// <summary>A service as backend (networking.k8s.io/v1 IngressServiceBackend).</summary>
public sealed class IngressServiceBackend
{
    /// <summary>Service name. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Port of the service.</summary>
    public ServiceBackendPort? Port { get; set; }
}

/// <summary>A service port by name or number, not both (networking.k8s.io/v1 ServiceBackendPort).</summary>
public sealed class ServiceBackendPort
{
    /// <summary>Port name.</summary>
    public string? Name { get; set; }

    /// <summary>Port number.</summary>
    public int? Number { get; set; }
}

/// <summary>TLS for some hosts (networking.k8s.io/v1 IngressTLS).</summary>
public sealed class IngressTls
{
    /// <summary>Hosts in the certificate. Default: the controller's wildcard host.</summary>
    public List<string>? Hosts { get; set; }

    /// <summary>Secret holding the certificate and key.</summary>
    public string? SecretName { get; set; }
}

/// <summary>Routes for one host (networking.k8s.io/v1 IngressRule).</summary>
public sealed class IngressRule
{
    /// <summary>Fully qualified host name, optionally with a leading "*." wildcard. Default: every host.</summary>
    public string? Host { get; set; }

    /// <summary>HTTP paths.</summary>
    public HttpIngressRuleValue? Http { get; set; }
}

/// <summary>HTTP paths of a rule (networking.k8s.io/v1 HTTPIngressRuleValue).</summary>
public sealed class HttpIngressRuleValue
{
    /// <summary>Paths to backends. Required.</summary>
    public List<HttpIngressPath> Paths { get; set; } = [];
}

/// <summary>One path to a backend (networking.k8s.io/v1 HTTPIngressPath).</summary>
public sealed class HttpIngressPath
{
    /// <summary>Path matched against the request; must start with '/' for Exact and Prefix.</summary>
    public string? Path { get; set; }

    /// <summary>Exact, Prefix or ImplementationSpecific. Required.</summary>
    public string PathType { get; set; } = "";

    /// <summary>Where matching traffic goes. Required.</summary>
    public IngressBackend Backend { get; set; } = new();
}

/// <summary>Observed ingress state (networking.k8s.io/v1 IngressStatus).</summary>
public sealed class IngressStatus
{
    /// <summary>Load balancer state.</summary>
    public IngressLoadBalancerStatus? LoadBalancer { get; set; }
}

/// <summary>Ingress load balancer state (networking.k8s.io/v1 IngressLoadBalancerStatus).</summary>
public sealed class IngressLoadBalancerStatus
{
    /// <summary>Ingress points.</summary>
    public List<IngressLoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>One ingress point (networking.k8s.io/v1 IngressLoadBalancerIngress).</summary>
public sealed class IngressLoadBalancerIngress
{
    /// <summary>IP-based ingress point.</summary>
    public string? Ip { get; set; }

    /// <summary>DNS-based ingress point.</summary>
    public string? Hostname { get; set; }

    /// <summary>Per-port status.</summary>
    public List<PortStatus>? Ports { get; set; }
}
