using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A health check performed against a container; exactly one handler is set (core/v1 Probe).</summary>
public sealed class Probe
{
    /// <summary>Run a command; healthy when it exits 0.</summary>
    public ExecAction? Exec { get; set; }

    /// <summary>HTTP GET; healthy on a status from 200 to 399.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>TCP connect; healthy when the port accepts.</summary>
    public TcpSocketAction? TcpSocket { get; set; }

    /// <summary>gRPC health check.</summary>
    public GrpcAction? Grpc { get; set; }

    /// <summary>Seconds after the container starts before probes begin. Default 0.</summary>
    public int? InitialDelaySeconds { get; set; }

    /// <summary>Seconds after which a probe times out. Default 1; minimum 1.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>How often to probe, in seconds. Default 10; minimum 1.</summary>
    public int? PeriodSeconds { get; set; }

    /// <summary>Consecutive successes to count as success after a failure. Default 1; must be 1 for liveness and startup.</summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>Consecutive failures to count as failure. Default 3; minimum 1.</summary>
    public int? FailureThreshold { get; set; }

    /// <summary>Grace period when the probe fails, overriding the pod's; liveness and startup only.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }
}

/// <summary>Run a command inside the container (core/v1 ExecAction).</summary>
public sealed class ExecAction
{
    /// <summary>Command line, not run in a shell; the working directory is the container's root.</summary>
    public List<string>? Command { get; set; }
}

/// <summary>An HTTP GET request (core/v1 HTTPGetAction).</summary>
public sealed class HttpGetAction
{
    /// <summary>Path to access.</summary>
    public string? Path { get; set; }

    /// <summary>Port number (1-65535) or IANA_SVC_NAME. Required.</summary>
    public IntOrString Port { get; set; }

    /// <summary>Host name to connect to. Default: the pod IP.</summary>
    public string? Host { get; set; }

    /// <summary>HTTP or HTTPS. Default HTTP.</summary>
    public string? Scheme { get; set; }

    /// <summary>Custom request headers.</summary>
    public List<HttpHeader>? HttpHeaders { get; set; }
}

/// <summary>A custom HTTP header (core/v1 HTTPHeader).</summary>
public sealed class HttpHeader
{
    /// <summary>Header field name. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Header field value. Required.</summary>
    public string Value { get; set; } = "";
}

/// <summary>A TCP connection check (core/v1 TCPSocketAction).</summary>
public sealed class TcpSocketAction
{
    /// <summary>Port number (1-65535) or IANA_SVC_NAME. Required.</summary>
    public IntOrString Port { get; set; }

    /// <summary>Host name to connect to. Default: the pod IP.</summary>
    public string? Host { get; set; }
}

/// <summary>A gRPC health check (core/v1 GRPCAction).</summary>
public sealed class GrpcAction
{
    /// <summary>Port number of the gRPC service, 1-65535. Required.</summary>
    public int Port { get; set; }

    /// <summary>Service name for the health check request. Default "" (the server's overall health).</summary>
    public string? Service { get; set; }
}
