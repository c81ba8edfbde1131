using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Core.V1;

/// <summary>A collection of containers that run together on a host (core/v1 Pod).</summary>
public sealed class Pod : KubernetesObject
{
    /// <summary>Creates an empty pod.</summary>
    public Pod()
        : base("v1", "Pod")
    {
    }

    /// <summary>Desired behavior of the pod.</summary>
    public PodSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status; populated by the system. Read-only.</summary>
    public PodStatus? Status { get; set; }
}

/// <summary>Metadata and spec of the pods a workload creates (core/v1 PodTemplateSpec).</summary>
public sealed class PodTemplateSpec
{
    /// <summary>Metadata of created pods; its labels must match the owner's selector.</summary>
    public ObjectMeta? Metadata { get; set; }

    /// <summary>Spec of created pods.</summary>
    public PodSpec Spec { get; set; } = new();
}

/// <summary>A pod owning references to a local object by name (core/v1 LocalObjectReference).</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the referent. Default "".</summary>
    public string? Name { get; set; }
}

/// <summary>A reference to any object (core/v1 ObjectReference).</summary>
public sealed class ObjectReference
{
    /// <summary>Kind of the referent.</summary>
    public string? Kind { get; set; }

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; set; }

    /// <summary>Name of the referent.</summary>
    public string? Name { get; set; }

    /// <summary>UID of the referent.</summary>
    public string? Uid { get; set; }

    /// <summary>API version of the referent.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Specific resourceVersion referred to.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>A piece of the object, e.g. spec.containers{name}.</summary>
    public string? FieldPath { get; set; }
}

/// <summary>An /etc/hosts entry (core/v1 HostAlias).</summary>
public sealed class HostAlias
{
    /// <summary>IP address of the entry. Required.</summary>
    public string Ip { get; set; } = "";

    /// <summary>Host names for the IP.</summary>
    public List<string>? Hostnames { get; set; }
}

/// <summary>Pod DNS parameters in addition to those from dnsPolicy (core/v1 PodDNSConfig).</summary>
public sealed class PodDnsConfig
{
    /// <summary>DNS name server IPs.</summary>
    public List<string>? Nameservers { get; set; }

    /// <summary>DNS search domains.</summary>
    public List<string>? Searches { get; set; }

    /// <summary>Resolver options.</summary>
    public List<PodDnsConfigOption>? Options { get; set; }
}

/// <summary>One resolver option (core/v1 PodDNSConfigOption).</summary>
public sealed class PodDnsConfigOption
{
    /// <summary>Option name. Required.</summary>
    public string? Name { get; set; }

    /// <summary>Option value.</summary>
    public string? Value { get; set; }
}

/// <summary>A pod condition the kubelet waits for before the pod is ready (core/v1 PodReadinessGate).</summary>
public sealed class PodReadinessGate
{
    /// <summary>Condition type in the pod's condition list. Required.</summary>
    public string ConditionType { get; set; } = "";
}

/// <summary>The pod's operating system (core/v1 PodOS).</summary>
public sealed class PodOs
{
    /// <summary>linux or windows. Required.</summary>
    public string Name { get; set; } = "";
}
