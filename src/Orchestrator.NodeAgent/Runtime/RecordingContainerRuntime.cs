using Orchestrator.Actors.NodeApi;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Orchestrator.NodeAgent.Runtime;

/// <summary>
/// An in-memory <see cref="IContainerRuntime"/> for tests about actor logic: it records every call, keeps
/// containers as plain objects, and lets the test decide when containers exit, what execs return and
/// which pulls fail.
/// </summary>
public sealed class RecordingContainerRuntime : IContainerRuntime
{
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];
    private readonly Dictionary<string, FakeContainer> _containers = [];
    private int _nextId;

    /// <summary>What an exec returns, by container name and command; exit 0 by default.</summary>
    public Func<string, IReadOnlyList<string>, ExecOutcome> ExecHandler { get; set; } = (_, _) => new ExecOutcome(0, "", false);

    /// <summary>Returns the daemon-style message for an image that fails to pull, or null when it pulls.</summary>
    public Func<string, string?> PullFailure { get; set; } = _ => null;

    /// <summary>Every call so far, as <c>Operation argument</c> lines, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>Ids of the containers that exist, sandboxes included.</summary>
    public IReadOnlyList<string> ContainerIds
    {
        get
        {
            lock (_lock)
            {
                return _containers.Keys.ToList();
            }
        }
    }

    /// <summary>Makes the newest running container called <paramref name="containerName"/> exit with <paramref name="exitCode"/>.</summary>
    /// <returns>False when no such container runs.</returns>
    public bool Exit(string containerName, int exitCode)
    {
        FakeContainer? target;
        lock (_lock)
        {
            target = _containers.Values.Where(c => c.Name == containerName && c.Running).MaxBy(c => c.Sequence);
            if (target is null)
            {
                return false;
            }

            target.Finish(exitCode);
        }

        target.Exited.TrySetResult(exitCode);
        return true;
    }

    /// <inheritdoc />
    public Task<SandboxInfo> CreateSandboxAsync(PodIdentity pod, CancellationToken cancellationToken)
    {
        var sandbox = Add(pod, PodLabels.SandboxName, PodLabels.SandboxKind, 0, "orchestrator/pause:1");
        sandbox.Running = true;
        sandbox.StartedAt = DateTimeOffset.UtcNow;
        Record($"CreateSandbox {pod.Key}");
        return Task.FromResult(new SandboxInfo(sandbox.Id, "10.0.0.2"));
    }

    /// <inheritdoc />
    public Task<string> CreateContainerAsync(PodIdentity pod, string sandboxId, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var container = Add(pod, launch.Name, launch.IsInit ? PodLabels.InitKind : PodLabels.AppKind, launch.RestartCount, launch.Image);
        Record($"CreateContainer {launch.Name}");
        return Task.FromResult(container.Id);
    }

    /// <inheritdoc />
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var container = Get(containerId);
            container.Running = true;
            container.StartedAt = DateTimeOffset.UtcNow;
            _calls.Add($"StartContainer {container.Name}");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> WaitContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        FakeContainer container;
        lock (_lock)
        {
            container = Get(containerId);
        }

        return container.Exited.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        FakeContainer? container;
        lock (_lock)
        {
            _containers.TryGetValue(containerId, out container);
            _calls.Add($"StopContainer {container?.Name ?? containerId} {gracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
            if (container is null || !container.Running)
            {
                return Task.CompletedTask;
            }

            container.Finish(143);
        }

        container.Exited.TrySetResult(143);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        FakeContainer? container;
        lock (_lock)
        {
            if (_containers.Remove(containerId, out container))
            {
                _calls.Add($"RemoveContainer {container.Name}");
                container.Finish(137);
            }
        }

        container?.Exited.TrySetResult(137);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_containers.TryGetValue(containerId, out var container) && container.Running);
        }
    }

    /// <inheritdoc />
    public Task<RuntimeContainerState> InspectContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var c = Get(containerId);
            return Task.FromResult(new RuntimeContainerState(
                c.Id, c.Running, c.ExitCode, false, null, c.StartedAt, c.FinishedAt, "sha256:" + c.Image,
                c.Kind == PodLabels.SandboxKind ? "10.0.0.2" : null));
        }
    }

    /// <inheritdoc />
    public Task<string> ReadLogsAsync(string containerId, CancellationToken cancellationToken) => Task.FromResult("");

    /// <inheritdoc />
    public async IAsyncEnumerable<LogChunk> StreamLogsAsync(
        string containerId, ContainerLogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Get(containerId);
        }

        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <inheritdoc />
    public Task<ContainerUsage> SampleUsageAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var container = Get(containerId);
            var cpu = container.Running ? (ulong)(DateTimeOffset.UtcNow - container.StartedAt!.Value).Ticks * 100 / 10 : 0;
            return Task.FromResult(new ContainerUsage(cpu, container.Running ? 4UL << 20 : 0, DateTimeOffset.UtcNow));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RuntimeContainer>> ListPodContainersAsync(string? podUid, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<RuntimeContainer> list = _containers.Values
                .Where(c => podUid is null || c.PodUid == podUid)
                .Select(c => new RuntimeContainer(c.Id, c.PodUid, c.Name, c.Kind, c.RestartCount, c.Running))
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<ExecOutcome> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string name;
        lock (_lock)
        {
            name = Get(containerId).Name;
            _calls.Add($"Exec {name} {string.Join(' ', command)}");
        }

        var outcome = ExecHandler(name, command);
        return Task.FromResult(outcome.Stdout is null && !outcome.TimedOut ? outcome with { Stdout = outcome.Output, Stderr = "" } : outcome);
    }

    /// <inheritdoc />
    public async Task<IExecStream> OpenExecAsync(string containerId, ExecStart start, CancellationToken cancellationToken)
    {
        // The same handler answers: its whole output as one stdout chunk, then its exit code.
        var outcome = await ExecAsync(containerId, start.Command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return new RecordedExecStream(outcome);
    }

    /// <inheritdoc />
    public Task<string> EnsureImageAsync(string image, string pullPolicy, Action? pulling, CancellationToken cancellationToken)
    {
        Record($"EnsureImage {image} {pullPolicy}");
        if (pullPolicy != "Never")
        {
            // No image is ever present here: every allowed pull happens.
            pulling?.Invoke();
        }

        return PullFailure(image) is { } message
            ? Task.FromException<string>(new ImagePullException("ErrImagePull", message))
            : Task.FromResult("sha256:" + image);
    }

    private FakeContainer Add(PodIdentity pod, string name, string kind, int restartCount, string image)
    {
        lock (_lock)
        {
            var sequence = ++_nextId;
            var container = new FakeContainer($"fake{sequence:D4}", sequence, pod.Uid, name, kind, restartCount, image);
            _containers[container.Id] = container;
            return container;
        }
    }

    private FakeContainer Get(string id) =>
        _containers.TryGetValue(id, out var container) ? container : throw new InvalidOperationException($"no such container: {id}");

    private void Record(string call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }

    private sealed class FakeContainer(string id, int sequence, string podUid, string name, string kind, int restartCount, string image)
    {
        public string Id { get; } = id;

        public int Sequence { get; } = sequence;

        public string PodUid { get; } = podUid;

        public string Name { get; } = name;

        public string Kind { get; } = kind;

        public int RestartCount { get; } = restartCount;

        public string Image { get; } = image;

        public bool Running { get; set; }

        public int ExitCode { get; private set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; private set; }

        public TaskCompletionSource<int> Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish(int exitCode)
        {
            Running = false;
            ExitCode = exitCode;
            FinishedAt = DateTimeOffset.UtcNow;
        }
    }

    private sealed class RecordedExecStream(ExecOutcome outcome) : IExecStream
    {
        public async IAsyncEnumerable<ExecOutput> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (outcome.Output.Length > 0) yield return new ExecOutput("stdout", System.Text.Encoding.UTF8.GetBytes(outcome.Output));
        }

        public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void CloseInput()
        {
        }

        public Task ResizeAsync(int rows, int columns, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> WaitExitCodeAsync(CancellationToken cancellationToken) => Task.FromResult(outcome.ExitCode);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
