using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// A container's own configuration, as sent on create and returned as <c>Config</c> by inspect.
/// Unset (null) fields take the image's defaults.
/// </summary>
public record ContainerConfig
{
    /// <summary>Image name or id to run.</summary>
    public string? Image { get; init; }

    /// <summary>Labels, e.g. the orchestrator's pod and container identity.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Environment as <c>NAME=value</c> entries.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Command, replacing the image's CMD.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Entrypoint, replacing the image's ENTRYPOINT.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Working directory inside the container.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Ports the container listens on, as <c>80/tcp</c>.</summary>
    [JsonConverter(typeof(PortSetJsonConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>User (name or uid[:gid]) to run as.</summary>
    public string? User { get; init; }

    /// <summary>Host name inside the container.</summary>
    public string? Hostname { get; init; }

    /// <summary>Allocate a pseudo-TTY; logs are then one raw stream instead of stdout and stderr.</summary>
    public bool? Tty { get; init; }

    /// <summary>Keep stdin open.</summary>
    public bool? OpenStdin { get; init; }

    /// <summary>Attach stdout (for attach, not for logs).</summary>
    public bool? AttachStdout { get; init; }

    /// <summary>Attach stderr (for attach, not for logs).</summary>
    public bool? AttachStderr { get; init; }

    /// <summary>Signal that stop sends first, e.g. <c>SIGTERM</c>.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Default seconds stop waits before SIGKILL.</summary>
    public int? StopTimeout { get; init; }
}

/// <summary>The body of <c>POST /containers/create</c>: the container's configuration plus host settings.</summary>
public sealed record ContainerCreateRequest : ContainerConfig
{
    /// <summary>Resources, namespaces, mounts and restart policy.</summary>
    public HostConfig? HostConfig { get; init; }
}

/// <summary>Host-side settings of a container (<c>HostConfig</c>).</summary>
public sealed record HostConfig
{
    /// <summary>
    /// <c>bridge</c>, <c>none</c>, <c>host</c> or <c>container:&lt;id&gt;</c> to join another container's
    /// network namespace, as a pod's containers join its sandbox.
    /// </summary>
    public string? NetworkMode { get; init; }

    /// <summary><c>container:&lt;id&gt;</c> to share another container's PID namespace.</summary>
    public string? PidMode { get; init; }

    /// <summary><c>container:&lt;id&gt;</c>, <c>shareable</c> or <c>private</c>.</summary>
    public string? IpcMode { get; init; }

    /// <summary>Memory limit in bytes; 0 or null means unlimited.</summary>
    public long? Memory { get; init; }

    /// <summary>Memory plus swap limit in bytes; -1 for unlimited swap.</summary>
    public long? MemorySwap { get; init; }

    /// <summary>CPU quota in units of 10⁻⁹ CPUs (1.5 CPUs = 1_500_000_000).</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Relative CPU weight.</summary>
    public long? CpuShares { get; init; }

    /// <summary>Bind mounts as <c>host-path:container-path[:ro]</c>.</summary>
    public IReadOnlyList<string>? Binds { get; init; }

    /// <summary>Published ports: container port (<c>80/tcp</c>) to host bindings.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? PortBindings { get; init; }

    /// <summary>Restart policy; the orchestrator restarts containers itself, so the default is off.</summary>
    public RestartPolicy? RestartPolicy { get; init; } = RestartPolicy.Never;

    /// <summary>Run Docker's init (tini) as PID 1 to forward signals and reap zombies.</summary>
    public bool? Init { get; init; }

    /// <summary>Remove the container when it exits.</summary>
    public bool? AutoRemove { get; init; }

    /// <summary>Mount the root filesystem read-only.</summary>
    public bool? ReadonlyRootfs { get; init; }
}

/// <summary>One host binding of a published port.</summary>
public sealed record PortBinding
{
    /// <summary>Host address to bind, e.g. <c>127.0.0.1</c>.</summary>
    public string? HostIp { get; init; }

    /// <summary>Host port, or empty for an ephemeral one.</summary>
    public string? HostPort { get; init; }
}

/// <summary>Docker's restart policy.</summary>
public sealed record RestartPolicy
{
    /// <summary><c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure</c>.</summary>
    public string Name { get; init; } = "no";

    /// <summary>Retries for <c>on-failure</c>.</summary>
    public int MaximumRetryCount { get; init; }

    /// <summary>The daemon never restarts the container.</summary>
    public static RestartPolicy Never { get; } = new() { Name = "no" };
}

/// <summary>The response of <c>POST /containers/create</c>.</summary>
public sealed record ContainerCreateResponse
{
    /// <summary>The new container's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Warnings, e.g. about ignored resource limits.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The response of <c>GET /containers/{id}/json</c>.</summary>
public sealed record ContainerInspectResponse
{
    /// <summary>Full container id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Name with Docker's leading slash, e.g. <c>/web-1</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The executable that was started.</summary>
    public string? Path { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Run state and exit code.</summary>
    public ContainerState? State { get; init; }

    /// <summary>Image id the container was created from.</summary>
    public string? Image { get; init; }

    /// <summary>How often the daemon restarted the container.</summary>
    public int RestartCount { get; init; }

    /// <summary>The container's configuration.</summary>
    public ContainerConfig? Config { get; init; }

    /// <summary>The container's host settings.</summary>
    public HostConfig? HostConfig { get; init; }

    /// <summary>Addresses and published ports.</summary>
    public NetworkSettings? NetworkSettings { get; init; }

    /// <summary>Mounted volumes and binds.</summary>
    public IReadOnlyList<MountPoint>? Mounts { get; init; }

    /// <summary>Path of the json-file log on the host.</summary>
    public string? LogPath { get; init; }
}

/// <summary>A container's run state.</summary>
public sealed record ContainerState
{
    /// <summary><c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c> or <c>dead</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Whether the main process runs.</summary>
    public bool Running { get; init; }

    /// <summary>Whether the container is paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Whether the daemon is restarting it.</summary>
    public bool Restarting { get; init; }

    /// <summary>Whether the kernel's OOM killer ended it.</summary>
    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; init; }

    /// <summary>Whether it is dead (could not be removed).</summary>
    public bool Dead { get; init; }

    /// <summary>Host PID of the main process, 0 when not running.</summary>
    public int Pid { get; init; }

    /// <summary>Exit code of the last run.</summary>
    public int ExitCode { get; init; }

    /// <summary>The daemon's error from the last start attempt.</summary>
    public string? Error { get; init; }

    /// <summary>Start of the last run.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>End of the last run.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>Network details of a container.</summary>
public sealed record NetworkSettings
{
    /// <summary>Address on the default bridge, if attached.</summary>
    [JsonPropertyName("IPAddress")]
    public string? IpAddress { get; init; }

    /// <summary>Published ports: container port to host bindings (null when not published).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? Ports { get; init; }

    /// <summary>Attached networks by name.</summary>
    public IReadOnlyDictionary<string, EndpointSettings>? Networks { get; init; }

    /// <summary>Path of the network namespace.</summary>
    public string? SandboxKey { get; init; }
}

/// <summary>A container's attachment to one network.</summary>
public sealed record EndpointSettings
{
    /// <summary>Network id.</summary>
    [JsonPropertyName("NetworkID")]
    public string? NetworkId { get; init; }

    /// <summary>The container's address on it.</summary>
    [JsonPropertyName("IPAddress")]
    public string? IpAddress { get; init; }

    /// <summary>The network's gateway.</summary>
    public string? Gateway { get; init; }

    /// <summary>The container's MAC address.</summary>
    public string? MacAddress { get; init; }
}

/// <summary>A mount of a container.</summary>
public sealed record MountPoint
{
    /// <summary><c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Volume name, for volumes.</summary>
    public string? Name { get; init; }

    /// <summary>Host path.</summary>
    public string? Source { get; init; }

    /// <summary>Path inside the container.</summary>
    public string? Destination { get; init; }

    /// <summary>Mount options, e.g. <c>ro</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>Whether it is writable.</summary>
    [JsonPropertyName("RW")]
    public bool ReadWrite { get; init; }
}

/// <summary>One entry of <c>GET /containers/json</c>.</summary>
public sealed record ContainerSummary
{
    /// <summary>Full container id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Names, each with Docker's leading slash.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Image name as given on create.</summary>
    public string? Image { get; init; }

    /// <summary>Image id.</summary>
    [JsonPropertyName("ImageID")]
    public string? ImageId { get; init; }

    /// <summary>Command line.</summary>
    public string? Command { get; init; }

    /// <summary>Creation time in seconds since the epoch.</summary>
    public long Created { get; init; }

    /// <summary>Machine-readable state, e.g. <c>running</c> or <c>exited</c>.</summary>
    public string? State { get; init; }

    /// <summary>Human-readable status, e.g. <c>Exited (0) 3 seconds ago</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Container labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Exposed and published ports.</summary>
    public IReadOnlyList<ContainerPort>? Ports { get; init; }
}

/// <summary>A port of a listed container.</summary>
public sealed record ContainerPort
{
    /// <summary>Host address the port is published on.</summary>
    [JsonPropertyName("IP")]
    public string? Ip { get; init; }

    /// <summary>Port inside the container.</summary>
    public int PrivatePort { get; init; }

    /// <summary>Port on the host, when published.</summary>
    public int? PublicPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>The response of <c>POST /containers/{id}/wait</c>.</summary>
public sealed record ContainerWaitResponse
{
    /// <summary>Exit code of the container.</summary>
    public long StatusCode { get; init; }

    /// <summary>Set when waiting itself failed.</summary>
    public ContainerWaitError? Error { get; init; }
}

/// <summary>Error of a wait.</summary>
public sealed record ContainerWaitError
{
    /// <summary>The daemon's text.</summary>
    public string? Message { get; init; }
}

/// <summary>Which state change <c>wait</c> blocks for.</summary>
public enum WaitCondition
{
    /// <summary>Until the container is not running (returns at once if it already stopped).</summary>
    NotRunning,

    /// <summary>Until the next exit, even if it is stopped now.</summary>
    NextExit,

    /// <summary>Until the container is removed.</summary>
    Removed,
}
