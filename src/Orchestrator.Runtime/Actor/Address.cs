namespace Orchestrator.Runtime;

/// <summary>
/// Where an actor system lives: <c>orch://name</c> for a local system,
/// <c>orch.tcp://name@host:port</c> once remoting gives it a network address.
/// </summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null)
{
    /// <summary>The protocol of systems that have no network address.</summary>
    public const string LocalProtocol = "orch";

    /// <summary>True when the address names no host, i.e. it is only reachable in-process.</summary>
    public bool IsLocal => Host is null;

    /// <summary>The local address of a system called <paramref name="system"/>.</summary>
    public static Address Local(string system) => new(LocalProtocol, system);

    /// <inheritdoc />
    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    public static bool TryParse(string text, out Address? address)
    {
        address = null;
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0) return false;
        var protocol = text[..sep];
        var rest = text[(sep + 3)..];
        var at = rest.IndexOf('@');
        if (at < 0)
        {
            if (rest.Length == 0) return false;
            address = new Address(protocol, rest);
            return true;
        }
        var system = rest[..at];
        var hostPort = rest[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (system.Length == 0 || colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port)) return false;
        address = new Address(protocol, system, hostPort[..colon].Trim('[', ']'), port);
        return true;
    }
}
