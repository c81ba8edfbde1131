using System.Globalization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>How the client reaches the daemon.</summary>
public enum DockerEndpointKind
{
    /// <summary>A unix domain socket, Docker's default.</summary>
    Unix,

    /// <summary>Plain HTTP over TCP (<c>tcp://host:port</c>); TLS is not supported.</summary>
    Tcp,
}

/// <summary>
/// A parsed Docker daemon address, in the same syntax as <c>DOCKER_HOST</c>:
/// <c>unix:///var/run/docker.sock</c> or <c>tcp://127.0.0.1:2375</c>.
/// </summary>
public sealed record DockerEndpoint
{
    /// <summary>The socket dockerd listens on when nothing else is configured.</summary>
    public const string DefaultUnixSocketPath = "/var/run/docker.sock";

    private DockerEndpoint(DockerEndpointKind kind, string? socketPath, string? host, int port)
    {
        Kind = kind;
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>Unix socket or TCP.</summary>
    public DockerEndpointKind Kind { get; }

    /// <summary>The socket's path when <see cref="Kind"/> is <see cref="DockerEndpointKind.Unix"/>.</summary>
    public string? SocketPath { get; }

    /// <summary>The host name or address when <see cref="Kind"/> is <see cref="DockerEndpointKind.Tcp"/>.</summary>
    public string? Host { get; }

    /// <summary>The TCP port, or 0 for a unix socket.</summary>
    public int Port { get; }

    /// <summary>The default local socket.</summary>
    public static DockerEndpoint Default { get; } = Unix(DefaultUnixSocketPath);

    /// <summary>An endpoint on a unix socket.</summary>
    public static DockerEndpoint Unix(string socketPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        return new DockerEndpoint(DockerEndpointKind.Unix, socketPath, null, 0);
    }

    /// <summary>An endpoint on plain TCP.</summary>
    public static DockerEndpoint Tcp(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new DockerEndpoint(DockerEndpointKind.Tcp, null, host, port);
    }

    /// <summary>Parses a <c>DOCKER_HOST</c>-style address.</summary>
    /// <exception cref="FormatException">The address is not <c>unix://</c> or <c>tcp://</c>.</exception>
    public static DockerEndpoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        const string unixScheme = "unix://";
        const string tcpScheme = "tcp://";
        if (address.StartsWith(unixScheme, StringComparison.OrdinalIgnoreCase))
        {
            var path = address[unixScheme.Length..];
            if (path.Length == 0 || path[0] != '/')
            {
                throw new FormatException($"DOCKER_HOST '{address}' must name an absolute socket path, e.g. unix:///var/run/docker.sock");
            }

            return Unix(path);
        }

        if (address.StartsWith(tcpScheme, StringComparison.OrdinalIgnoreCase))
        {
            var hostPort = address[tcpScheme.Length..].TrimEnd('/');
            var colon = hostPort.LastIndexOf(':');
            // A bracketed IPv6 literal has colons of its own; the port follows the closing bracket.
            if (colon <= 0 || colon < hostPort.LastIndexOf(']'))
            {
                throw new FormatException($"DOCKER_HOST '{address}' must include a port, e.g. tcp://127.0.0.1:2375");
            }

            var host = hostPort[..colon].Trim('[', ']');
            if (!int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new FormatException($"DOCKER_HOST '{address}' has an invalid port");
            }

            return Tcp(host, port);
        }

        throw new FormatException($"DOCKER_HOST '{address}' is not supported: use unix:///path or tcp://host:port");
    }

    /// <summary>Reads <c>DOCKER_HOST</c>, falling back to <see cref="Default"/> when it is unset.</summary>
    public static DockerEndpoint FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(value) ? Default : Parse(value);
    }

    /// <summary>The address in <c>DOCKER_HOST</c> syntax.</summary>
    public override string ToString() => Kind == DockerEndpointKind.Unix
        ? $"unix://{SocketPath}"
        : $"tcp://{(Host!.Contains(':') ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
