using Orchestrator.Actors.NodeApi;

namespace Orchestrator.NodeAgent.Runtime;

/// <summary>
/// The narrow container runtime a pod worker needs: sandboxes, containers, exec for probes and hooks,
/// and image pulls per policy. Every call is asynchronous; none blocks a thread while the engine works.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>Creates and starts the pod's sandbox, which owns its network namespace; returns its id and IP.</summary>
    Task<SandboxInfo> CreateSandboxAsync(PodIdentity pod, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) one container joined to the sandbox's namespaces; returns its id.</summary>
    Task<string> CreateContainerAsync(PodIdentity pod, string sandboxId, ContainerLaunch launch, CancellationToken cancellationToken);

    /// <summary>Starts a created container.</summary>
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Completes with the exit code once the container is not running (at once if it already exited).</summary>
    Task<int> WaitContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Sends SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>; a stopped container is not an error.</summary>
    Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Removes a container (killing it if it runs); a missing container is not an error.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Whether the container exists and runs (false when it is gone).</summary>
    Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>The container's current state.</summary>
    Task<RuntimeContainerState> InspectContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>The container's stdout and stderr so far, interleaved per stream.</summary>
    Task<string> ReadLogsAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// The container's output as it was written, stdout and stderr chunks in order; with
    /// <see cref="ContainerLogOptions.Follow"/> the sequence lasts until the container stops or the token is cancelled.
    /// </summary>
    IAsyncEnumerable<LogChunk> StreamLogsAsync(string containerId, ContainerLogOptions options, CancellationToken cancellationToken);

    /// <summary>One sample of the container's resource use (cumulative CPU time and working-set memory).</summary>
    Task<ContainerUsage> SampleUsageAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Containers (sandboxes included, stopped ones too) carrying the pod labels; all pods when <paramref name="podUid"/> is null.</summary>
    Task<IReadOnlyList<RuntimeContainer>> ListPodContainersAsync(string? podUid, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container; a timeout ends in an outcome with <see cref="ExecOutcome.TimedOut"/> set.</summary>
    Task<ExecOutcome> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Starts a command in a running container with its streams attached (<c>orchctl exec</c>); the caller owns the stream.</summary>
    Task<IExecStream> OpenExecAsync(string containerId, ExecStart start, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the image present as <paramref name="pullPolicy"/> (Always, IfNotPresent, Never) demands and
    /// returns its id; fails with <see cref="ImagePullException"/> carrying the daemon's message. <paramref name="pulling"/>
    /// is called just before a pull starts (not when the image is present and the policy allows using it).
    /// </summary>
    Task<string> EnsureImageAsync(string image, string pullPolicy, Action? pulling, CancellationToken cancellationToken);
}

/// <summary>Who a pod is, as its containers' labels record it.</summary>
/// <param name="Uid">metadata.uid; the key of ownership.</param>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Name">metadata.name.</param>
public sealed record PodIdentity(string Uid, string Namespace, string Name)
{
    /// <summary><c>namespace/name</c>, the key logs carry.</summary>
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>A started sandbox.</summary>
/// <param name="Id">Container id of the sandbox.</param>
/// <param name="PodIp">Its address on the default bridge (the pod IP), when it has one.</param>
public sealed record SandboxInfo(string Id, string? PodIp);

/// <summary>Everything needed to create one container, already resolved (env values, limits, host paths).</summary>
public sealed record ContainerLaunch
{
    /// <summary>Container name from the spec.</summary>
    public required string Name { get; init; }

    /// <summary>Image reference.</summary>
    public required string Image { get; init; }

    /// <summary>Replaces the image's entrypoint when set.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's cmd when set.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Environment in order, values resolved (downward API included).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Memory limit in bytes, or null for none.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>CPU limit in 10⁻⁹ CPUs, or null for none.</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Relative CPU weight (cgroup cpu.shares) from the CPU request, or null for the engine's default.</summary>
    public long? CpuShares { get; init; }

    /// <summary>Host directories bound into the container.</summary>
    public IReadOnlyList<HostMount> Mounts { get; init; } = [];

    /// <summary>Which restart of the container this is; recorded as a label so adoption keeps the count.</summary>
    public int RestartCount { get; init; }

    /// <summary>True for an init container.</summary>
    public bool IsInit { get; init; }
}

/// <summary>A host directory bound into a container.</summary>
/// <param name="HostPath">Absolute path on the host.</param>
/// <param name="ContainerPath">Mount path inside the container.</param>
/// <param name="ReadOnly">Mounted read-only.</param>
/// <param name="CreateIfMissing">Create the host directory first (emptyDir, DirectoryOrCreate).</param>
public sealed record HostMount(string HostPath, string ContainerPath, bool ReadOnly, bool CreateIfMissing);

/// <summary>A container of some pod, as listing found it.</summary>
/// <param name="Id">Container id.</param>
/// <param name="PodUid">Its pod's uid label.</param>
/// <param name="ContainerName">Spec name, or <see cref="PodLabels.SandboxName"/> for the sandbox.</param>
/// <param name="Kind">sandbox, init or app.</param>
/// <param name="RestartCount">The restart-count label.</param>
/// <param name="Running">Whether it runs.</param>
public sealed record RuntimeContainer(string Id, string PodUid, string ContainerName, string Kind, int RestartCount, bool Running);

/// <summary>A container's state as inspect reports it.</summary>
/// <param name="Id">Container id.</param>
/// <param name="Running">Whether it runs.</param>
/// <param name="ExitCode">Exit code of the last run.</param>
/// <param name="OomKilled">Whether the OOM killer ended it.</param>
/// <param name="Error">The daemon's error from the last start, e.g. an executable that does not exist.</param>
/// <param name="StartedAt">Start of the last run.</param>
/// <param name="FinishedAt">End of the last run.</param>
/// <param name="ImageId">Image id.</param>
/// <param name="IpAddress">Address on the default bridge (sandboxes only).</param>
public sealed record RuntimeContainerState(
    string Id, bool Running, int ExitCode, bool OomKilled, string? Error,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ImageId, string? IpAddress);

/// <summary>Which part of a container's output to read.</summary>
/// <param name="Follow">Keep streaming new output until the container stops.</param>
/// <param name="TailLines">Only this many lines from the end; null for all.</param>
/// <param name="Timestamps">Prefix each line with its RFC 3339 timestamp.</param>
/// <param name="Since">Only output written at or after this time.</param>
public sealed record ContainerLogOptions(bool Follow = false, int? TailLines = null, bool Timestamps = false, DateTimeOffset? Since = null);

/// <summary>One sample of a container's resource use.</summary>
/// <param name="CpuUsageNanoseconds">CPU time used since the container started, in nanoseconds (cumulative).</param>
/// <param name="MemoryWorkingSetBytes">Memory in use minus reclaimable page cache, in bytes.</param>
/// <param name="Timestamp">When the sample was read.</param>
public sealed record ContainerUsage(ulong CpuUsageNanoseconds, ulong MemoryWorkingSetBytes, DateTimeOffset Timestamp);

/// <summary>What an exec produced.</summary>
/// <param name="ExitCode">Exit code, -1 when it timed out.</param>
/// <param name="Output">stdout followed by stderr.</param>
/// <param name="TimedOut">It did not finish within its timeout.</param>
public sealed record ExecOutcome(int ExitCode, string Output, bool TimedOut)
{
    /// <summary>What the command wrote to stdout; null when the runtime does not keep the streams apart or the command did not run.</summary>
    public string? Stdout { get; init; }

    /// <summary>What the command wrote to stderr; null as <see cref="Stdout"/>.</summary>
    public string? Stderr { get; init; }
}

/// <summary>An image could not be made present; <see cref="Reason"/> is ErrImagePull or ErrImageNeverPull.</summary>
public sealed class ImagePullException : Exception
{
    /// <summary>Creates the exception with the kubelet-style reason and the daemon's message.</summary>
    public ImagePullException(string reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    /// <summary>ErrImagePull or ErrImageNeverPull.</summary>
    public string Reason { get; }
}

/// <summary>A container failed to be created or started (e.g. its executable does not exist).</summary>
public sealed class ContainerStartException : Exception
{
    /// <summary>Creates the exception with the runtime's message.</summary>
    public ContainerStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The labels every container of a pod carries.</summary>
public static class PodLabels
{
    /// <summary>metadata.uid of the pod.</summary>
    public const string PodUid = "orchestrator.pod.uid";

    /// <summary>metadata.name of the pod.</summary>
    public const string PodName = "orchestrator.pod.name";

    /// <summary>metadata.namespace of the pod.</summary>
    public const string PodNamespace = "orchestrator.pod.namespace";

    /// <summary>Spec name of the container; <see cref="SandboxName"/> for the sandbox.</summary>
    public const string ContainerName = "orchestrator.container.name";

    /// <summary>sandbox, init or app.</summary>
    public const string ContainerKind = "orchestrator.container.kind";

    /// <summary>How many times the container had been restarted when this one was created.</summary>
    public const string RestartCount = "orchestrator.restart-count";

    /// <summary>Container name the sandbox is recorded under (no spec container can be named this: names are lower case).</summary>
    public const string SandboxName = "POD";

    /// <summary>Kind of the sandbox.</summary>
    public const string SandboxKind = "sandbox";

    /// <summary>Kind of an init container.</summary>
    public const string InitKind = "init";

    /// <summary>Kind of an app container.</summary>
    public const string AppKind = "app";
}
