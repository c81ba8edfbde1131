namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>A host port a container takes on its node: address (0.0.0.0 for all), protocol and port.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    /// <summary>The address meaning every address of the host.</summary>
    public const string AnyIp = "0.0.0.0";

    /// <summary>True when both cannot be bound on one host: same protocol and port, and the same address or either on every address.</summary>
    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);
}
