using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>The recording runtime, except that listing one pod's containers fails while <see cref="Broken"/> is set.</summary>
public sealed class FailingRuntime(RecordingContainerRuntime inner) : IContainerRuntime
{
    private volatile bool _broken;
    private int _failures;

    /// <summary>While set, a worker's discovery (listing its pod's containers) fails.</summary>
    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    /// <summary>How many listings failed.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Task<IReadOnlyList<RuntimeContainer>> ListPodContainersAsync(string? podUid, CancellationToken cancellationToken)
    {
        if (_broken && podUid is not null)
        {
            Interlocked.Increment(ref _failures);
            return Task.FromException<IReadOnlyList<RuntimeContainer>>(new IOException("Cannot connect to the Docker daemon"));
        }

        return inner.ListPodContainersAsync(podUid, cancellationToken);
    }

    public Task<SandboxInfo> CreateSandboxAsync(PodIdentity pod, CancellationToken cancellationToken) => inner.CreateSandboxAsync(pod, cancellationToken);

    public Task<string> CreateContainerAsync(PodIdentity pod, string sandboxId, ContainerLaunch launch, CancellationToken cancellationToken) =>
        inner.CreateContainerAsync(pod, sandboxId, launch, cancellationToken);

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) => inner.StartContainerAsync(containerId, cancellationToken);

    public Task<int> WaitContainerAsync(string containerId, CancellationToken cancellationToken) => inner.WaitContainerAsync(containerId, cancellationToken);

    public Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken) =>
        inner.StopContainerAsync(containerId, gracePeriod, cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) => inner.RemoveContainerAsync(containerId, cancellationToken);

    public Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken) => inner.IsRunningAsync(containerId, cancellationToken);

    public IAsyncEnumerable<LogChunk> StreamLogsAsync(string containerId, ContainerLogOptions options, CancellationToken cancellationToken) =>
        inner.StreamLogsAsync(containerId, options, cancellationToken);

    public Task<ContainerUsage> SampleUsageAsync(string containerId, CancellationToken cancellationToken) =>
        inner.SampleUsageAsync(containerId, cancellationToken);

    public Task<RuntimeContainerState> InspectContainerAsync(string containerId, CancellationToken cancellationToken) =>
        inner.InspectContainerAsync(containerId, cancellationToken);

    public Task<string> ReadLogsAsync(string containerId, CancellationToken cancellationToken) => inner.ReadLogsAsync(containerId, cancellationToken);

    public Task<ExecOutcome> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.ExecAsync(containerId, command, timeout, cancellationToken);

    public Task<IExecStream> OpenExecAsync(string containerId, ExecStart start, CancellationToken cancellationToken) =>
        inner.OpenExecAsync(containerId, start, cancellationToken);

    public Task<string> EnsureImageAsync(string image, string pullPolicy, Action? pulling, CancellationToken cancellationToken) =>
        inner.EnsureImageAsync(image, pullPolicy, pulling, cancellationToken);
}
