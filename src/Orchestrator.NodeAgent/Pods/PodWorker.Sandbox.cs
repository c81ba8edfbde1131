using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// A sandbox that died (the engine restarted, someone removed it) takes the pod's network namespace with it. As
/// the kubelet does, the worker then kills what is left of the pod and starts it again around a new sandbox: init
/// containers run again, app containers restart per restartPolicy with their restart count incremented, and each
/// container's last instance is kept as its "previous" one. Under restartPolicy Never a pod whose containers ran
/// is not started again.
/// </summary>
public sealed partial class PodWorker
{
    private bool _rebuilding;

    /// <summary>The runtime answers again: is the sandbox still alive?</summary>
    private void HandleCheckSandbox()
    {
        if (_sandboxId is not { } id || _rebuilding)
        {
            return;
        }

        _runtime.IsRunningAsync(id, _lifetime.Token)
            .PipeTo(Self, success: alive => alive ? new Ignored() : new SandboxLost(id), failure: _ => new Ignored());
    }

    /// <summary>Returns <paramref name="otherwise"/> unless the sandbox is gone (an unanswered check counts as alive: the caller's retry asks again).</summary>
    private async Task<object> SandboxLostOrAsync(string sandboxId, object otherwise, CancellationToken cancellationToken)
    {
        try
        {
            return await _runtime.IsRunningAsync(sandboxId, cancellationToken).ConfigureAwait(false) ? otherwise : new SandboxLost(sandboxId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return otherwise;
        }
    }

    private void HandleSandboxLost(SandboxLost lost)
    {
        if (lost.SandboxId != _sandboxId || _rebuilding)
        {
            return;
        }

        PodWorkerLog.SandboxLost(Log, PodKey, lost.SandboxId);
        Emit("SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", null, warning: false);
        _rebuilding = true;
        _sandboxId = null;
        _podIp = null;
        foreach (var record in _init.Concat(_app))
        {
            // Results of launches, waits and timers of the old sandbox are stale from here on.
            StopProbes(record);
            Timers.Cancel(("restart", record.Name));
            Timers.Cancel(("rewatch", record.Name));
            record.Attempt++;
            record.Launching = false;
            record.BackingOff = false;
            record.Running = false;
        }

        DiscoverAsync(_lifetime.Token).PipeTo(Self, failure: ex => new DiscoveryFailed(ex));
    }

    /// <summary>No live sandbox: kill the last run of every container, remove older runs and dead sandboxes, create a new sandbox.</summary>
    private void Rebuild(Discovered discovered)
    {
        _rebuilding = true;
        var stale = discovered.Containers.Where(c => c.Kind == PodLabels.SandboxKind).Select(c => c.Id).ToList();
        var last = new Dictionary<string, RuntimeContainer>(StringComparer.Ordinal);
        foreach (var record in _init.Concat(_app))
        {
            var runs = RunsOf(record, discovered.Containers);
            if (runs.Count > 0)
            {
                last[record.Name] = runs[0];
                stale.AddRange(runs.Skip(1).Select(c => c.Id));
            }
        }

        var createSandbox = RestartPolicy != Model.Core.V1.RestartPolicy.Never || !_app.Any(a => last.ContainsKey(a.Name));
        RebuildAsync(stale, last, createSandbox, _lifetime.Token).PipeTo(Self, failure: ex => new SandboxFailed(ex));
    }

    private async Task<Rebuilt> RebuildAsync(
        IReadOnlyList<string> stale, IReadOnlyDictionary<string, RuntimeContainer> last, bool createSandbox, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, (RuntimeContainer, RuntimeContainerState)>(StringComparer.Ordinal);
        foreach (var (name, container) in last)
        {
            // Without its sandbox the container has no network: kill it, keep it for its logs.
            await _runtime.StopContainerAsync(container.Id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            states[name] = (container, await _runtime.InspectContainerAsync(container.Id, cancellationToken).ConfigureAwait(false));
        }

        foreach (var id in stale)
        {
            await _runtime.RemoveContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var sandbox = createSandbox ? await _runtime.CreateSandboxAsync(_identity, cancellationToken).ConfigureAwait(false) : null;
        return new Rebuilt(sandbox, states);
    }

    private void HandleRebuilt(Rebuilt rebuilt)
    {
        _rebuilding = false;
        _sandboxId = rebuilt.Sandbox?.Id;
        _podIp = rebuilt.Sandbox?.PodIp;
        var rerunInit = rebuilt.Sandbox is not null && _init.Count > 0 && rebuilt.Last.Count > 0;
        foreach (var record in _init.Concat(_app))
        {
            if (rebuilt.Last.TryGetValue(record.Name, out var last))
            {
                Restore(record, last.Container, last.State, rebuilt.Sandbox is not null, rerunInit);
            }
        }

        if (rerunInit)
        {
            _initialized = false;
        }
        else if (_app.Any(a => rebuilt.Last.ContainsKey(a.Name)))
        {
            _initialized = true;
        }

        if (_sandboxId is null)
        {
            Publish();
            return;
        }

        PodWorkerLog.SandboxCreated(Log, PodKey, _sandboxId, _podIp);
        Advance();
    }

    /// <summary>Sets a record from its last run: to be launched again (restart count + 1), or finished for good.</summary>
    private void Restore(ContainerRecord record, RuntimeContainer container, RuntimeContainerState state, bool sandboxCreated, bool rerunInit)
    {
        record.ImageId = state.ImageId ?? record.ImageId;
        record.Launching = false;
        record.BackingOff = false;
        record.Running = false;
        record.Discard.Clear();
        if (state.StartedAt is null)
        {
            // Never started: it gives way to a new container of the same name.
            record.RestartCount = container.RestartCount;
            record.PreviousContainerId = null;
            record.Discard.Add(container.Id);
            record.ContainerId = null;
            return;
        }

        var info = TerminationOf(container.Id, state);
        var again = sandboxCreated && (record.IsInit || PodDecisions.ShouldRestart(RestartPolicy, info.ExitCode));
        if (!again)
        {
            record.RestartCount = container.RestartCount;
            record.ContainerId = container.Id;
            record.MarkTerminated(info);
            record.Finished = true;
            _initFailed |= record.IsInit && info.ExitCode != 0;
            return;
        }

        record.RestartCount = container.RestartCount + 1;
        record.LastTerminated = info;
        record.PreviousContainerId = container.Id;
        record.ContainerId = null;
        record.Finished = false;
        record.MarkWaiting(!record.IsInit && rerunInit ? "PodInitializing" : "ContainerCreating", null);
    }

    private void HandleWaitFailed(WaitFailed failed)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        // The runtime dropped the wait (it is restarting, say): watch again later; the exit is not lost, the container stays.
        Timers.StartSingleTimer(("rewatch", failed.Name), new Rewatch(failed.Name, failed.ContainerId), _settings.RuntimeRetryInterval);
    }

    private void HandleRewatch(Rewatch rewatch)
    {
        var record = Find(rewatch.Name);
        if (record is { Running: true } && record.ContainerId == rewatch.ContainerId && _sandboxId is not null)
        {
            WatchExit(rewatch.Name, rewatch.ContainerId);
        }
    }
}
