using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>Startup, liveness and readiness probes: periodic timers, one probe of a kind in flight at a time.</summary>
public sealed partial class PodWorker
{
    private static readonly ProbeKind[] ProbeKinds = [ProbeKind.Startup, ProbeKind.Liveness, ProbeKind.Readiness];

    private void StartProbes(ContainerRecord record)
    {
        if (record.IsInit || record.ContainerId is not { } id)
        {
            return;
        }

        foreach (var kind in ProbeKinds)
        {
            if (record.ProbeOf(kind) is not { } probe)
            {
                continue;
            }

            var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
            var initialDelay = TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0));
            Timers.StartPeriodicTimer(ProbeTimerKey(record.Name, kind), new ProbeTick(record.Name, kind, id), period, initialDelay);
        }
    }

    private void StopProbes(ContainerRecord record)
    {
        foreach (var kind in ProbeKinds)
        {
            Timers.Cancel(ProbeTimerKey(record.Name, kind));
        }
    }

    private static (string, string, ProbeKind) ProbeTimerKey(string name, ProbeKind kind) => ("probe", name, kind);

    private void HandleProbeTick(ProbeTick tick)
    {
        var record = Find(tick.Name);
        if (record is null || !record.Running || record.ContainerId != tick.ContainerId || record.ProbeOf(tick.Kind) is not { } probe)
        {
            return;
        }

        // Liveness and readiness wait for the startup probe, as the kubelet's do.
        if (tick.Kind != ProbeKind.Startup && !record.Started)
        {
            return;
        }

        if (tick.Kind == ProbeKind.Startup && record.Started)
        {
            Timers.Cancel(ProbeTimerKey(record.Name, ProbeKind.Startup));
            return;
        }

        if (!record.ProbesInFlight.Add(tick.Kind))
        {
            return;
        }

        var (name, kind, id) = (tick.Name, tick.Kind, tick.ContainerId);
        ProbeRunner.RunAsync(_runtime, probe, record.Spec, id, _podIp, _lifetime.Token)
            .PipeTo(Self,
                success: r => new ProbeCompleted(name, kind, id, r.Success, r.Message),
                failure: ex => new ProbeCompleted(name, kind, id, false, ex.Message));
    }

    private void HandleProbeCompleted(ProbeCompleted completed)
    {
        var record = Find(completed.Name);
        if (record is null || record.ContainerId != completed.ContainerId || !record.Running)
        {
            return;
        }

        record.ProbesInFlight.Remove(completed.Kind);
        var probe = record.ProbeOf(completed.Kind)!;
        var before = record.CounterOf(completed.Kind);
        // Liveness and startup probes must use a success threshold of 1.
        var successThreshold = completed.Kind == ProbeKind.Readiness ? probe.SuccessThreshold ?? 1 : 1;
        var after = PodDecisions.CountProbe(before, completed.Success, successThreshold, probe.FailureThreshold ?? 3);
        record.SetCounter(completed.Kind, after);
        if (!completed.Success)
        {
            PodWorkerLog.ProbeFailed(Log, PodKey, record.Name, completed.Kind, completed.Message);
            Emit("Unhealthy", $"{completed.Kind} probe failed: {completed.Message}", record.Name, warning: true);
        }

        if (after.Result == before.Result)
        {
            return;
        }

        if (after.Result == ProbeOutcome.Failure && completed.Kind != ProbeKind.Readiness)
        {
            KillUnhealthy(record, probe.TerminationGracePeriodSeconds, $"{completed.Kind} probe failed: {completed.Message}");
            return;
        }

        if (completed.Kind == ProbeKind.Startup && after.Result == ProbeOutcome.Success)
        {
            Timers.Cancel(ProbeTimerKey(record.Name, ProbeKind.Startup));
        }

        Publish();
    }

    private void KillUnhealthy(ContainerRecord record, long? probeGraceSeconds, string why)
    {
        StopProbes(record);
        PodWorkerLog.KillingUnhealthy(Log, PodKey, record.Name, why);
        Emit("Killing", $"Container {record.Name} failed {why}, will be restarted", record.Name, warning: false);
        var grace = TimeSpan.FromSeconds(probeGraceSeconds ?? _pod.Spec.TerminationGracePeriodSeconds ?? 30);
        // The exit arrives through the pending wait, and restarts the container per restartPolicy.
        _runtime.StopContainerAsync(record.ContainerId!, grace, _lifetime.Token)
            .PipeTo(Self, success: () => new Ignored(), failure: _ => new Ignored());
    }
}
