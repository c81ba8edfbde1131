using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>How one run of a container ended.</summary>
/// <param name="ExitCode">Exit code.</param>
/// <param name="Reason">Completed, Error, OOMKilled, StartError.</param>
/// <param name="Message">Details, e.g. the runtime's start error.</param>
/// <param name="StartedAt">Start of the run.</param>
/// <param name="FinishedAt">End of the run.</param>
/// <param name="ContainerId">Runtime id of the run's container.</param>
internal sealed record TerminationInfo(int ExitCode, string Reason, string? Message, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ContainerId);

/// <summary>What a pod worker knows about one spec container; only the worker's own thread touches it.</summary>
internal sealed class ContainerRecord(Container spec, bool isInit)
{
    public Container Spec { get; } = spec;

    public string Name => Spec.Name;

    public bool IsInit { get; } = isInit;

    /// <summary>Bumped on every launch, so results of an older launch are recognised as stale.</summary>
    public int Attempt { get; set; }

    public string? ContainerId { get; set; }

    /// <summary>
    /// The dead instance before <see cref="ContainerId"/>, kept (as the kubelet keeps one) so its logs can be read
    /// as "previous"; removed when the next instance is launched.
    /// </summary>
    public string? PreviousContainerId { get; set; }

    /// <summary>Containers to remove before the next launch (an older instance, or one created but never started).</summary>
    public List<string> Discard { get; } = [];

    public int RestartCount { get; set; }

    public string ImageId { get; set; } = "";

    public bool Launching { get; set; }

    public bool BackingOff { get; set; }

    /// <summary>Exited and will not run again (restart policy, or an init container that completed).</summary>
    public bool Finished { get; set; }

    public bool Running { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public string? WaitingReason { get; set; } = "ContainerCreating";

    public string? WaitingMessage { get; set; }

    public TerminationInfo? Terminated { get; set; }

    public TerminationInfo? LastTerminated { get; set; }

    public TimeSpan? LastBackOff { get; set; }

    public TimeSpan? LastPullBackOff { get; set; }

    public int PullFailures { get; set; }

    public ProbeCounter Startup { get; set; } = ProbeCounter.Initial;

    public ProbeCounter Liveness { get; set; } = ProbeCounter.Initial;

    public ProbeCounter Readiness { get; set; } = ProbeCounter.Initial;

    public HashSet<ProbeKind> ProbesInFlight { get; } = [];

    /// <summary>Passed its startup probe, or has none.</summary>
    public bool Started => Running && (Spec.StartupProbe is null || Startup.Result == ProbeOutcome.Success);

    /// <summary>Running, started, and passing its readiness probe (or without one).</summary>
    public bool Ready => Started && (Spec.ReadinessProbe is null || Readiness.Result == ProbeOutcome.Success);

    /// <summary>The current instance ended and a new one will follow: it becomes the previous one, the one before is discarded.</summary>
    public void RetireCurrent()
    {
        if (PreviousContainerId is { } older && older != ContainerId)
        {
            Discard.Add(older);
        }

        PreviousContainerId = ContainerId ?? PreviousContainerId;
    }

    /// <summary>Takes the containers to remove before a launch.</summary>
    public IReadOnlyList<string> TakeDiscards()
    {
        var taken = Discard.ToList();
        Discard.Clear();
        return taken;
    }

    public void MarkWaiting(string reason, string? message)
    {
        Running = false;
        Terminated = null;
        WaitingReason = reason;
        WaitingMessage = message;
    }

    public void MarkRunning(string containerId, DateTimeOffset startedAt)
    {
        ContainerId = containerId;
        Running = true;
        StartedAt = startedAt;
        Terminated = null;
        WaitingReason = null;
        WaitingMessage = null;
        Startup = Liveness = Readiness = ProbeCounter.Initial;
        ProbesInFlight.Clear();
    }

    public void MarkTerminated(TerminationInfo info)
    {
        Running = false;
        Terminated = info;
        WaitingReason = null;
        WaitingMessage = null;
    }

    public Probe? ProbeOf(ProbeKind kind) => kind switch
    {
        ProbeKind.Startup => Spec.StartupProbe,
        ProbeKind.Liveness => Spec.LivenessProbe,
        _ => Spec.ReadinessProbe,
    };

    public ProbeCounter CounterOf(ProbeKind kind) => kind switch
    {
        ProbeKind.Startup => Startup,
        ProbeKind.Liveness => Liveness,
        _ => Readiness,
    };

    public void SetCounter(ProbeKind kind, ProbeCounter counter)
    {
        switch (kind)
        {
            case ProbeKind.Startup: Startup = counter; break;
            case ProbeKind.Liveness: Liveness = counter; break;
            default: Readiness = counter; break;
        }
    }
}
