using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Start-up: find the pod's containers by their labels and adopt them (a restarted agent or worker must not
/// create duplicates), or create a fresh sandbox when none is alive.
/// </summary>
public sealed partial class PodWorker
{
    private async Task<Discovered> DiscoverAsync(CancellationToken cancellationToken)
    {
        var listed = await _runtime.ListPodContainersAsync(_identity.Uid, cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, RuntimeContainerState>();
        foreach (var container in listed)
        {
            states[container.Id] = await _runtime.InspectContainerAsync(container.Id, cancellationToken).ConfigureAwait(false);
        }

        var sandbox = listed.FirstOrDefault(c => c.Kind == PodLabels.SandboxKind && states[c.Id].Running);
        return new Discovered(sandbox?.Id, sandbox is null ? null : states[sandbox.Id].IpAddress, listed, states);
    }

    private void HandleDiscovered(Discovered discovered)
    {
        if (discovered.SandboxId is null)
        {
            // Without a live sandbox nothing is worth keeping: the network namespace is gone.
            var stale = discovered.Containers.Select(c => c.Id).ToList();
            CreateSandboxAsync(stale, _lifetime.Token).PipeTo(Self, success: s => new SandboxReady(s), failure: ex => new SandboxFailed(ex));
            return;
        }

        _sandboxId = discovered.SandboxId;
        _podIp = discovered.PodIp;
        var leftovers = discovered.Containers.Where(c => c.Kind == PodLabels.SandboxKind && c.Id != _sandboxId).Select(c => c.Id).ToList();
        var appFound = false;
        foreach (var record in _init.Concat(_app))
        {
            var kind = record.IsInit ? PodLabels.InitKind : PodLabels.AppKind;
            var runs = discovered.Containers.Where(c => c.Kind == kind && c.ContainerName == record.Name)
                .OrderByDescending(c => c.RestartCount).ToList();
            leftovers.AddRange(runs.Skip(1).Select(c => c.Id));
            if (runs.Count == 0)
            {
                continue;
            }

            appFound |= !record.IsInit;
            Adopt(record, runs[0], discovered.States[runs[0].Id]);
        }

        if (appFound)
        {
            _initialized = true;
        }

        PodWorkerLog.Adopted(Log, PodKey, _sandboxId, discovered.Containers.Count);
        RemoveInBackground(leftovers);
        Advance();
    }

    private void Adopt(ContainerRecord record, RuntimeContainer container, RuntimeContainerState state)
    {
        record.RestartCount = container.RestartCount;
        record.ContainerId = container.Id;
        record.ImageId = state.ImageId ?? "";
        if (state.Running)
        {
            record.MarkRunning(container.Id, state.StartedAt ?? DateTimeOffset.UtcNow);
            WatchExit(record.Name, container.Id);
            StartProbes(record);
        }
        else if (state.StartedAt is null)
        {
            // Created but never started (the worker died in between): start afresh with a new container.
            record.PreviousContainerId = container.Id;
            record.ContainerId = null;
        }
        else
        {
            OnTerminated(record, TerminationOf(container.Id, state), publish: false);
        }
    }

    private async Task<SandboxInfo> CreateSandboxAsync(IReadOnlyList<string> stale, CancellationToken cancellationToken)
    {
        foreach (var id in stale)
        {
            await _runtime.RemoveContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return await _runtime.CreateSandboxAsync(_identity, cancellationToken).ConfigureAwait(false);
    }

    private void HandleSandboxReady(SandboxReady ready)
    {
        _sandboxId = ready.Sandbox.Id;
        _podIp = ready.Sandbox.PodIp;
        PodWorkerLog.SandboxCreated(Log, PodKey, _sandboxId, _podIp);
        Advance();
    }
}
