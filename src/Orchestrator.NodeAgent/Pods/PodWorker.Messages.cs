using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>Tells a <see cref="PodWorker"/> to terminate its pod gracefully and remove its containers; it replies <see cref="PodStopped"/> and stops.</summary>
/// <param name="GracePeriodSeconds">Overrides the pod's terminationGracePeriodSeconds when set.</param>
public sealed record StopPod(long? GracePeriodSeconds = null);

/// <summary>
/// Tells a <see cref="PodWorker"/> that the container runtime answers again (after an outage or a restart):
/// it checks its sandbox and, when that is gone, starts the pod again around a new one.
/// </summary>
public sealed record CheckSandbox
{
    /// <summary>The only instance.</summary>
    public static CheckSandbox Instance { get; } = new();
}

/// <summary>The reply to <see cref="StopPod"/>: every container of the pod is gone.</summary>
/// <param name="PodUid">The pod's uid.</param>
public sealed record PodStopped(string PodUid);

/// <summary>Published to the worker's status listener whenever the pod's observed status changes.</summary>
/// <param name="PodUid">The pod's uid.</param>
/// <param name="Status">A fresh status object; the worker never mutates it after sending.</param>
public sealed record PodStatusChanged(string PodUid, PodStatus Status);

/// <summary>Published to the worker's listener when something worth a Kubernetes Event happens (Pulling, Started, BackOff...).</summary>
/// <param name="PodUid">The pod's uid.</param>
/// <param name="Reason">The event's reason, e.g. <c>Started</c>.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Container">The container involved, or null for the pod as a whole.</param>
public sealed record PodEventOccurred(string PodUid, string Reason, string Message, string Type, string? Container);

/// <summary>Timing settings of <see cref="PodWorker"/>.</summary>
public sealed record PodWorkerSettings
{
    /// <summary>Back-off before the second restart of a crashing container (the first is at once), doubling after. Default 10 s, as the kubelet's.</summary>
    public TimeSpan BackOffBase { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off cap. Default 5 min.</summary>
    public TimeSpan BackOffCap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A run at least this long resets the back-off. Default 10 min.</summary>
    public TimeSpan BackOffReset { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Directory under which each pod gets <c>&lt;uid&gt;</c> for its emptyDir volumes.</summary>
    public string EmptyDirRoot { get; init; } = Path.Combine(Path.GetTempPath(), "orchestrator-pods");

    /// <summary>Delay before watching a container's exit again after the runtime dropped the wait (e.g. it restarted). Default 2 s.</summary>
    public TimeSpan RuntimeRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bounds every Docker call of graceful termination beyond the grace period itself. Default 30 s.</summary>
    public TimeSpan TerminationSlack { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The kinds of probe a container can have.</summary>
public enum ProbeKind
{
    /// <summary>Gates liveness and readiness until it succeeds; failure restarts the container.</summary>
    Startup,

    /// <summary>Failure restarts the container.</summary>
    Liveness,

    /// <summary>Drives the container's Ready.</summary>
    Readiness,
}

/// <summary>The worker's own messages: results of Docker calls and timers, piped back to itself.</summary>
public sealed partial class PodWorker
{
    private sealed record Discovered(string? SandboxId, string? PodIp, IReadOnlyList<RuntimeContainer> Containers,
        IReadOnlyDictionary<string, RuntimeContainerState> States);

    private sealed record DiscoveryFailed(Exception Cause);

    private sealed record SandboxFailed(Exception Cause);

    private sealed record ContainerStarted(string Name, int Attempt, string ContainerId, string ImageId, DateTimeOffset StartedAt);

    private sealed record ContainerStartFailed(string Name, int Attempt, string Reason, string Message, string? ContainerId, bool ImagePull);

    private sealed record ContainerExited(string Name, string ContainerId, RuntimeContainerState State);

    private sealed record RestartDue(string Name, int Attempt, bool CountsAsRestart);

    private sealed record ProbeTick(string Name, ProbeKind Kind, string ContainerId);

    private sealed record ProbeCompleted(string Name, ProbeKind Kind, string ContainerId, bool Success, string Message);

    private sealed record SandboxLost(string SandboxId);

    private sealed record Rebuilt(SandboxInfo? Sandbox, IReadOnlyDictionary<string, (RuntimeContainer Container, RuntimeContainerState State)> Last);

    private sealed record WaitFailed(string Name, string ContainerId);

    private sealed record Rewatch(string Name, string ContainerId);

    private sealed record Ignored;
}
