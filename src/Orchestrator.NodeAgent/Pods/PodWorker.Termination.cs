using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Graceful termination: preStop hooks, then SIGTERM and SIGKILL after what is left of the grace period,
/// all containers in parallel; then removal of every container of the pod and its emptyDir directories.
/// </summary>
public sealed partial class PodWorker
{
    private async Task HandleStopPodAsync(StopPod stop)
    {
        var replyTo = Sender;
        Timers.CancelAll();
        // Cancelling ends pending waits, probes and launches; termination uses its own deadline.
        _lifetime.Cancel();
        var grace = TimeSpan.FromSeconds(Math.Max(0, stop.GracePeriodSeconds ?? _pod.Spec.TerminationGracePeriodSeconds ?? 30));
        using var deadline = new CancellationTokenSource(grace + _settings.TerminationSlack);
        PodWorkerLog.Terminating(Log, PodKey, grace);

        var running = _app.Where(r => r.Running && r.ContainerId is not null).ToList();
        foreach (var record in running)
        {
            Emit("Killing", $"Stopping container {record.Name}", record.Name, warning: false);
        }

        var stops = running.Select(r => StopContainerGracefullyAsync(r, grace, deadline.Token));
        var results = await Task.WhenAll(stops);
        for (var i = 0; i < running.Count; i++)
        {
            if (results[i] is { } info)
            {
                running[i].MarkTerminated(info);
                running[i].Finished = true;
            }
        }

        try
        {
            var containers = await _runtime.ListPodContainersAsync(_identity.Uid, deadline.Token);
            foreach (var container in containers)
            {
                await _runtime.RemoveContainerAsync(container.Id, deadline.Token);
            }

            DeleteVolumes();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || deadline.IsCancellationRequested)
        {
            // The reaper removes whatever is left; the pod is still gone from this worker's point of view.
            PodWorkerLog.RuntimeFailed(Log, PodKey, "remove the pod's containers", ex);
        }

        Publish();
        PodWorkerLog.Terminated(Log, PodKey);
        replyTo.Tell(new PodStopped(_identity.Uid), Self);
        Context.Stop(Self);
    }

    private async Task<TerminationInfo?> StopContainerGracefullyAsync(ContainerRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        var id = record.ContainerId!;
        // Continuations run off the actor's thread here: use only what was captured up front.
        var log = Log;
        var podKey = PodKey;
        var podIp = _podIp;
        var started = DateTimeOffset.UtcNow;
        if (record.Spec.Lifecycle?.PreStop is { } preStop)
        {
            var (ok, message) = await ProbeRunner.RunHandlerAsync(_runtime, preStop, record.Spec, id, podIp, grace, cancellationToken)
                .ConfigureAwait(false);
            if (!ok)
            {
                PodWorkerLog.PreStopFailed(log, podKey, record.Name, message);
            }
        }

        // The hook's time comes out of the grace period, but the container always gets a short moment for SIGTERM.
        var left = grace - (DateTimeOffset.UtcNow - started);
        var minimum = TimeSpan.FromSeconds(Math.Min(2, grace.TotalSeconds));
        try
        {
            await _runtime.StopContainerAsync(id, left > minimum ? left : minimum, cancellationToken).ConfigureAwait(false);
            var state = await _runtime.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return TerminationOf(id, state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PodWorkerLog.RuntimeFailed(log, podKey, $"stop container {record.Name}", ex);
            return null;
        }
    }

    private void DeleteVolumes()
    {
        var directory = Path.Combine(_settings.EmptyDirRoot, _identity.Uid);
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException ex)
        {
            PodWorkerLog.RuntimeFailed(Log, PodKey, "delete the pod's emptyDir volumes", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            // Files a container wrote as another user; the directory stays for an operator.
            PodWorkerLog.RuntimeFailed(Log, PodKey, "delete the pod's emptyDir volumes", ex);
        }
    }
}
