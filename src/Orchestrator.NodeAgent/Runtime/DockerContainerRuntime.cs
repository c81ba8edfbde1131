using Orchestrator.Actors.NodeApi;
using System.Globalization;
using System.Runtime.CompilerServices;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.NodeAgent.Runtime;

/// <summary>Settings of <see cref="DockerContainerRuntime"/>.</summary>
public sealed record DockerContainerRuntimeOptions
{
    /// <summary>Image of the sandbox that holds a pod's network namespace. Default <c>orchestrator/pause:1</c>.</summary>
    public string SandboxImage { get; init; } = "orchestrator/pause:1";

    /// <summary>
    /// Labels added to every container, and required when listing: they scope a runtime to one node agent
    /// (or one test), so its reaper never touches another's containers.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// <see cref="IContainerRuntime"/> on the Docker engine: a pause container per pod on the default bridge,
/// the pod's containers joined to its network namespace with <c>container:&lt;sandbox&gt;</c>.
/// </summary>
public sealed class DockerContainerRuntime(DockerClient docker, DockerContainerRuntimeOptions options) : IContainerRuntime
{
    /// <inheritdoc />
    public async Task<SandboxInfo> CreateSandboxAsync(PodIdentity pod, CancellationToken cancellationToken)
    {
        await EnsureImageAsync(options.SandboxImage, "IfNotPresent", null, cancellationToken).ConfigureAwait(false);
        var request = new ContainerCreateRequest
        {
            Image = options.SandboxImage,
            Hostname = pod.Name.Length <= 63 ? pod.Name : pod.Name[..63],
            Labels = Labels(pod, PodLabels.SandboxName, PodLabels.SandboxKind, 0),
            HostConfig = new HostConfig { NetworkMode = "bridge" },
        };
        var created = await docker.Containers.CreateAsync(request, DockerName(pod, PodLabels.SandboxName, 0), cancellationToken)
            .ConfigureAwait(false);
        await docker.Containers.StartAsync(created.Id, cancellationToken).ConfigureAwait(false);
        var inspect = await docker.Containers.InspectAsync(created.Id, cancellationToken).ConfigureAwait(false);
        return new SandboxInfo(created.Id, NullIfEmpty(inspect.NetworkSettings?.IpAddress));
    }

    /// <inheritdoc />
    public async Task<string> CreateContainerAsync(PodIdentity pod, string sandboxId, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        // The engine runs on this host (unix socket), so host paths are this process's paths.
        foreach (var mount in launch.Mounts.Where(m => m.CreateIfMissing))
        {
            Directory.CreateDirectory(mount.HostPath);
        }

        var request = new ContainerCreateRequest
        {
            Image = launch.Image,
            Entrypoint = launch.Command,
            Cmd = launch.Args,
            WorkingDir = launch.WorkingDir,
            Env = launch.Env.Select(e => $"{e.Key}={e.Value}").ToList(),
            Labels = Labels(pod, launch.Name, launch.IsInit ? PodLabels.InitKind : PodLabels.AppKind, launch.RestartCount),
            HostConfig = new HostConfig
            {
                NetworkMode = $"container:{sandboxId}",
                Memory = launch.MemoryBytes,
                // No swap beyond the limit, as on a kubelet node.
                MemorySwap = launch.MemoryBytes,
                NanoCpus = launch.NanoCpus,
                CpuShares = launch.CpuShares,
                Binds = launch.Mounts.Count == 0
                    ? null
                    : launch.Mounts.Select(m => $"{m.HostPath}:{m.ContainerPath}{(m.ReadOnly ? ":ro" : "")}").ToList(),
            },
        };
        try
        {
            var created = await docker.Containers
                .CreateAsync(request, DockerName(pod, launch.Name, launch.RestartCount), cancellationToken).ConfigureAwait(false);
            return created.Id;
        }
        catch (DockerApiException ex) when (!ex.IsNotFound)
        {
            throw new ContainerStartException(ex.DaemonMessage, ex);
        }
    }

    /// <inheritdoc />
    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.StartAsync(containerId, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (!ex.IsNotModified)
        {
            // The daemon refuses to start a container whose executable is missing: a CreateContainerError-style failure.
            throw new ContainerStartException(ex.DaemonMessage, ex);
        }
    }

    /// <inheritdoc />
    public Task<int> WaitContainerAsync(string containerId, CancellationToken cancellationToken) =>
        docker.Containers.WaitAsync(containerId, WaitCondition.NotRunning, cancellationToken);

    /// <inheritdoc />
    public async Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.StopAsync(containerId, gracePeriod, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.IsNotModified || ex.IsNotFound)
        {
            // Already stopped or gone: the state a stop wants.
        }
    }

    /// <inheritdoc />
    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveAsync(containerId, force: true, removeVolumes: true, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Gone, or a removal already in progress.
        }
    }

    /// <inheritdoc />
    public async Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await docker.Containers.InspectAsync(containerId, cancellationToken).ConfigureAwait(false);
            return inspect.State?.Running == true;
        }
        catch (DockerNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<RuntimeContainerState> InspectContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var inspect = await docker.Containers.InspectAsync(containerId, cancellationToken).ConfigureAwait(false);
        var state = inspect.State;
        return new RuntimeContainerState(
            inspect.Id, state?.Running == true, state?.ExitCode ?? 0, state?.OomKilled == true, NullIfEmpty(state?.Error),
            ValidTime(state?.StartedAt), ValidTime(state?.FinishedAt), inspect.Image, NullIfEmpty(inspect.NetworkSettings?.IpAddress));
    }

    /// <inheritdoc />
    public async Task<string> ReadLogsAsync(string containerId, CancellationToken cancellationToken)
    {
        var output = await docker.Containers.ReadLogsAsync(containerId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return output.Stdout + output.Stderr;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogChunk> StreamLogsAsync(
        string containerId, ContainerLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new LogsOptions { Follow = options.Follow, Tail = options.TailLines, Timestamps = options.Timestamps, Since = options.Since };
        await foreach (var frame in docker.Containers.LogsAsync(containerId, request, cancellationToken).ConfigureAwait(false))
        {
            if (frame.Stream is LogStreamType.Stdout or LogStreamType.Stderr or LogStreamType.Tty)
            {
                yield return new LogChunk(frame.Stream == LogStreamType.Stderr ? "stderr" : "stdout", frame.Text);
            }
        }
    }

    /// <inheritdoc />
    public async Task<ContainerUsage> SampleUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        var stats = await docker.Containers.StatsAsync(containerId, oneShot: true, cancellationToken).ConfigureAwait(false);
        var read = stats.Read.Year > 1 ? stats.Read : DateTimeOffset.UtcNow;
        return new ContainerUsage(stats.CpuStats?.CpuUsage?.TotalUsage ?? 0, stats.MemoryUsageBytes, read);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimeContainer>> ListPodContainersAsync(string? podUid, CancellationToken cancellationToken)
    {
        var filters = DockerFilters.ForLabel(PodLabels.PodUid, podUid);
        foreach (var (key, value) in options.ExtraLabels)
        {
            filters.Label(key, value);
        }

        var listed = await docker.Containers.ListAsync(filters, all: true, cancellationToken).ConfigureAwait(false);
        return listed
            .Where(c => c.Labels is not null && c.Labels.ContainsKey(PodLabels.ContainerName))
            .Select(c => new RuntimeContainer(
                c.Id,
                c.Labels![PodLabels.PodUid],
                c.Labels[PodLabels.ContainerName],
                c.Labels.TryGetValue(PodLabels.ContainerKind, out var kind) ? kind : PodLabels.AppKind,
                c.Labels.TryGetValue(PodLabels.RestartCount, out var count) && int.TryParse(count, CultureInfo.InvariantCulture, out var n) ? n : 0,
                string.Equals(c.State, "running", StringComparison.Ordinal)))
            .ToList();
    }

    /// <inheritdoc />
    public async Task<ExecOutcome> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await docker.Exec.RunAsync(containerId, command, deadline.Token).ConfigureAwait(false);
            return new ExecOutcome(result.ExitCode, result.Stdout + result.Stderr, TimedOut: false) { Stdout = result.Stdout, Stderr = result.Stderr };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExecOutcome(-1, $"command timed out after {timeout.TotalSeconds:0.###}s", TimedOut: true);
        }
        catch (DockerApiException ex)
        {
            // An exec whose executable is missing, or in a container that stopped, is a failed check, not a crash.
            return new ExecOutcome(-1, ex.DaemonMessage, TimedOut: false);
        }
    }

    /// <inheritdoc />
    public async Task<IExecStream> OpenExecAsync(string containerId, ExecStart start, CancellationToken cancellationToken)
    {
        var request = new ExecCreateRequest { Cmd = start.Command, AttachStdin = start.Stdin, Tty = start.Tty };
        var execId = await docker.Exec.CreateAsync(containerId, request, cancellationToken).ConfigureAwait(false);
        var connection = await docker.Exec.AttachAsync(execId, start.Tty, cancellationToken).ConfigureAwait(false);
        return new DockerExecStream(docker, connection);
    }

    /// <inheritdoc />
    public async Task<string> EnsureImageAsync(string image, string pullPolicy, Action? pulling, CancellationToken cancellationToken)
    {
        if (!string.Equals(pullPolicy, "Always", StringComparison.Ordinal))
        {
            try
            {
                return (await docker.Images.InspectAsync(image, cancellationToken).ConfigureAwait(false)).Id;
            }
            catch (DockerNotFoundException) when (!string.Equals(pullPolicy, "Never", StringComparison.Ordinal))
            {
                // Not present: pull below.
            }
            catch (DockerNotFoundException ex)
            {
                throw new ImagePullException(
                    "ErrImageNeverPull", $"Container image \"{image}\" is not present with pull policy of Never", ex);
            }
        }

        pulling?.Invoke();
        try
        {
            await docker.Images.PullAsync(image, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (await docker.Images.InspectAsync(image, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (DockerApiException ex)
        {
            throw new ImagePullException("ErrImagePull", ex.DaemonMessage, ex);
        }
    }

    private Dictionary<string, string> Labels(PodIdentity pod, string containerName, string kind, int restartCount)
    {
        var labels = new Dictionary<string, string>(options.ExtraLabels)
        {
            [PodLabels.PodUid] = pod.Uid,
            [PodLabels.PodName] = pod.Name,
            [PodLabels.PodNamespace] = pod.Namespace,
            [PodLabels.ContainerName] = containerName,
            [PodLabels.ContainerKind] = kind,
            [PodLabels.RestartCount] = restartCount.ToString(CultureInfo.InvariantCulture),
        };
        return labels;
    }

    // Like the kubelet's k8s_<container>_<pod>_<namespace>_<uid>_<attempt>: unique, and readable in `docker ps`.
    private static string DockerName(PodIdentity pod, string container, int restartCount) =>
        $"orch_{container}_{pod.Name}_{pod.Namespace}_{pod.Uid}_{restartCount.ToString(CultureInfo.InvariantCulture)}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Docker reports 0001-01-01 for "never".
    private static DateTimeOffset? ValidTime(DateTimeOffset? time) => time is { Year: > 1 } t ? t : null;
}
