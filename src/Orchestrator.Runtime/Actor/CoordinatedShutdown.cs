using System.Collections.Concurrent;

namespace Orchestrator.Runtime;

/// <summary>One phase of coordinated shutdown: its tasks run concurrently, within <paramref name="Timeout"/>.</summary>
public sealed record ShutdownPhase(string Name, TimeSpan Timeout, IReadOnlyList<string> DependsOn);

/// <summary>
/// Stops a system in an order that keeps the cluster healthy: services unbind, requests drain,
/// cluster components leave, and the actor system terminates last. Modules register tasks in the
/// phase they belong to; phases run in dependency order; a phase that times out or fails is logged
/// and shutdown goes on.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Phase names, in their default order.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind",
        PhaseServiceUnbind = "service-unbind",
        PhaseServiceRequestsDone = "service-requests-done",
        PhaseServiceStop = "service-stop",
        PhaseBeforeClusterShutdown = "before-cluster-shutdown",
        PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region",
        PhaseClusterLeave = "cluster-leave",
        PhaseClusterExiting = "cluster-exiting",
        PhaseClusterExitingDone = "cluster-exiting-done",
        PhaseClusterShutdown = "cluster-shutdown",
        PhaseBeforeActorSystemTerminate = "before-actor-system-terminate",
        PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>The default phases: each depends on the one before.</summary>
    public static readonly IReadOnlyList<ShutdownPhase> DefaultPhases = Chain(
        (PhaseBeforeServiceUnbind, 5), (PhaseServiceUnbind, 5), (PhaseServiceRequestsDone, 5), (PhaseServiceStop, 5),
        (PhaseBeforeClusterShutdown, 5), (PhaseClusterShardingShutdownRegion, 10), (PhaseClusterLeave, 5),
        (PhaseClusterExiting, 10), (PhaseClusterExitingDone, 5), (PhaseClusterShutdown, 5),
        (PhaseBeforeActorSystemTerminate, 5), (PhaseActorSystemTerminate, 10));

    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Name, Func<Task> Task)>> _tasks = new();
    private readonly object _runLock = new();
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system, IReadOnlyList<ShutdownPhase> phases)
    {
        _system = system;
        OrderedPhases = TopologicalSort(phases);
    }

    /// <summary>The phases in the order they run.</summary>
    public IReadOnlyList<ShutdownPhase> OrderedPhases { get; }

    /// <summary>Why shutdown was started, once it has been.</summary>
    public string? ShutdownReason { get; private set; }

    /// <summary>Registers <paramref name="task"/> in <paramref name="phase"/>; it runs when the phase does.</summary>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        if (!OrderedPhases.Any(p => p.Name == phase))
            throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'. Known phases: {string.Join(", ", OrderedPhases.Select(p => p.Name))}.", nameof(phase));
        _tasks.GetOrAdd(phase, _ => new()).Enqueue((taskName, task));
    }

    /// <summary>Runs every phase once; later calls return the same task.</summary>
    public Task Run(string reason)
    {
        lock (_runLock)
        {
            if (_run is not null) return _run;
            ShutdownReason = reason;
            _run = Task.Run(() => RunPhases(reason));
            return _run;
        }
    }

    private async Task RunPhases(string reason)
    {
        foreach (var phase in OrderedPhases)
        {
            if (!_tasks.TryGetValue(phase.Name, out var queue) || queue.IsEmpty) continue;
            var running = queue.Select(t => RunTask(phase.Name, t.Name, t.Task)).ToArray();
            try
            {
                await Task.WhenAll(running).WaitAsync(phase.Timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                RuntimeLog.PhaseTimedOut(_system.Logging.Runtime, phase.Name, phase.Timeout);
            }
        }
        RuntimeLog.SystemTerminated(_system.Logging.Runtime, _system.Name, reason);
    }

    private async Task RunTask(string phase, string name, Func<Task> task)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeLog.PhaseTaskFailed(_system.Logging.Runtime, e, name, phase);
        }
    }

    /// <summary>Orders phases so each comes after all it depends on; a cycle or unknown dependency is an error naming it.</summary>
    public static IReadOnlyList<ShutdownPhase> TopologicalSort(IReadOnlyList<ShutdownPhase> phases)
    {
        var byName = phases.ToDictionary(p => p.Name);
        var result = new List<ShutdownPhase>();
        var state = new Dictionary<string, int>();
        void Visit(ShutdownPhase p, string path)
        {
            if (state.TryGetValue(p.Name, out var s))
            {
                if (s == 1) throw new ArgumentException($"Coordinated-shutdown phases form a cycle: {path} -> {p.Name}.");
                return;
            }
            state[p.Name] = 1;
            foreach (var dep in p.DependsOn)
            {
                if (!byName.TryGetValue(dep, out var d))
                    throw new ArgumentException($"Coordinated-shutdown phase '{p.Name}' depends on unknown phase '{dep}'.");
                Visit(d, path.Length == 0 ? p.Name : path + " -> " + p.Name);
            }
            state[p.Name] = 2;
            result.Add(p);
        }
        foreach (var p in phases.OrderBy(p => p.Name, StringComparer.Ordinal)) Visit(p, "");
        return result;
    }

    private static IReadOnlyList<ShutdownPhase> Chain(params (string Name, int TimeoutSeconds)[] phases) =>
        phases.Select((p, i) => new ShutdownPhase(p.Name, TimeSpan.FromSeconds(p.TimeoutSeconds), i == 0 ? [] : [phases[i - 1].Name])).ToList();
}
