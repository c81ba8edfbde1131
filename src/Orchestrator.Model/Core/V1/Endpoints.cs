namespace Orchestrator.Model.Core.V1;

/// <summary>The endpoints that implement a service (core/v1 Endpoints).</summary>
public sealed class Endpoints : KubernetesObject
{
    /// <summary>Creates an empty endpoints object.</summary>
    public Endpoints()
        : base("v1", "Endpoints")
    {
    }

    /// <summary>Sets of addresses and ports; the union of all subsets is the service's endpoints.</summary>
    public List<EndpointSubset>? Subsets { get; set; }
}

/// <summary>Addresses sharing a set of ports (core/v1 EndpointSubset).</summary>
public sealed class EndpointSubset
{
    /// <summary>Ready addresses.</summary>
    public List<EndpointAddress>? Addresses { get; set; }

    /// <summary>Addresses not ready to serve.</summary>
    public List<EndpointAddress>? NotReadyAddresses { get; set; }

    /// <summary>Ports available on the addresses.</summary>
    public List<EndpointPort>? Ports { get; set; }
}

/// <summary>One endpoint address (core/v1 EndpointAddress).</summary>
public sealed class EndpointAddress
{
    /// <summary>IP of the endpoint. Required.</summary>
    public string Ip { get; set; } = "";

    /// <summary>Hostname of the endpoint.</summary>
    public string? Hostname { get; set; }

    /// <summary>Node hosting the endpoint.</summary>
    public string? NodeName { get; set; }

    /// <summary>The object providing the endpoint, usually a pod.</summary>
    public ObjectReference? TargetRef { get; set; }
}

/// <summary>One endpoint port (core/v1 EndpointPort).</summary>
public sealed class EndpointPort
{
    /// <summary>Matches the service port's name; optional when there is one port.</summary>
    public string? Name { get; set; }

    /// <summary>Port number. Required.</summary>
    public int Port { get; set; }

    /// <summary>TCP, UDP or SCTP. Default TCP.</summary>
    public string? Protocol { get; set; }

    /// <summary>Application protocol.</summary>
    public string? AppProtocol { get; set; }
}
