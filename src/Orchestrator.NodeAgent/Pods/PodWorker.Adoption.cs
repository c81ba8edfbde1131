using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Start-up: find the pod's containers by their labels and adopt them (a restarted agent or worker must not
/// create duplicates), or, when no sandbox is alive, start the pod again around a new one (see PodWorker.Sandbox.cs).
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
            // Without a live sandbox the network namespace is gone: start the pod again around a new one.
            Rebuild(discovered);
            return;
        }

        _sandboxId = discovered.SandboxId;
        _podIp = discovered.PodIp;
        var leftovers = discovered.Containers.Where(c => c.Kind == PodLabels.SandboxKind && c.Id != _sandboxId).Select(c => c.Id).ToList();
        var appFound = false;
        foreach (var record in _init.Concat(_app))
        {
            var runs = RunsOf(record, discovered.Containers);
            if (runs.Count == 0)
            {
                continue;
            }

            // The newest run is the current one; the one before stays as "previous" when it is dead.
            var keepPrevious = runs.Count > 1 && !runs[1].Running;
            leftovers.AddRange(runs.Skip(keepPrevious ? 2 : 1).Select(c => c.Id));
            record.PreviousContainerId = keepPrevious ? runs[1].Id : null;
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

    /// <summary>The record's containers, newest (highest restart count) first.</summary>
    private static List<RuntimeContainer> RunsOf(ContainerRecord record, IReadOnlyList<RuntimeContainer> containers)
    {
        var kind = record.IsInit ? PodLabels.InitKind : PodLabels.AppKind;
        return containers.Where(c => c.Kind == kind && c.ContainerName == record.Name).OrderByDescending(c => c.RestartCount).ToList();
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
            // Created but never started (the worker died in between): start afresh with a new container of that name.
            record.Discard.Add(container.Id);
            record.ContainerId = null;
        }
        else
        {
            OnTerminated(record, TerminationOf(container.Id, state), publish: false);
        }
    }
}
