using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>What <c>GET /_ping</c> tells besides "OK": the daemon's headers.</summary>
/// <param name="ApiVersion">The daemon's maximum API version (<c>API-Version</c> header).</param>
/// <param name="OsType">The daemon's OS, e.g. <c>linux</c> (<c>OSType</c> header).</param>
/// <param name="Body">The body, <c>OK</c> on a healthy daemon.</param>
public sealed record PingResponse(string? ApiVersion, string? OsType, string Body);

/// <summary>The response of <c>GET /version</c>.</summary>
public sealed record VersionResponse
{
    /// <summary>Engine version, e.g. <c>20.10.24+dfsg1</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Newest API version the daemon speaks.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Oldest API version the daemon still accepts.</summary>
    [JsonPropertyName("MinAPIVersion")]
    public string? MinApiVersion { get; init; }

    /// <summary>Commit the engine was built from.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Go version the engine was built with.</summary>
    public string? GoVersion { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    public string? Os { get; init; }

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>Host kernel version.</summary>
    public string? KernelVersion { get; init; }
}

/// <summary>The subset of <c>GET /info</c> a node agent uses to describe its node.</summary>
public sealed record SystemInfo
{
    /// <summary>Unique id of the daemon.</summary>
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    /// <summary>Host name of the node.</summary>
    public string? Name { get; init; }

    /// <summary>Total number of containers.</summary>
    public int Containers { get; init; }

    /// <summary>Running containers.</summary>
    public int ContainersRunning { get; init; }

    /// <summary>Paused containers.</summary>
    public int ContainersPaused { get; init; }

    /// <summary>Stopped containers.</summary>
    public int ContainersStopped { get; init; }

    /// <summary>Number of images.</summary>
    public int Images { get; init; }

    /// <summary>Storage driver, e.g. <c>overlay2</c>.</summary>
    public string? Driver { get; init; }

    /// <summary>Engine version.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>Host operating system description.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    [JsonPropertyName("OSType")]
    public string? OsType { get; init; }

    /// <summary>Host architecture.</summary>
    public string? Architecture { get; init; }

    /// <summary>Host kernel version.</summary>
    public string? KernelVersion { get; init; }

    /// <summary>CPUs available to the daemon.</summary>
    [JsonPropertyName("NCPU")]
    public int Cpus { get; init; }

    /// <summary>Host memory in bytes.</summary>
    public long MemTotal { get; init; }

    /// <summary><c>cgroupfs</c> or <c>systemd</c>.</summary>
    public string? CgroupDriver { get; init; }

    /// <summary><c>1</c> or <c>2</c>.</summary>
    public string? CgroupVersion { get; init; }

    /// <summary>Where the daemon keeps its state.</summary>
    public string? DockerRootDir { get; init; }

    /// <summary>Warnings the daemon reports about its own set-up.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
