namespace Orchestrator.Actors.Scheduling;

/// <summary>Asks the scheduler for its counters; replies <see cref="SchedulerStats"/>.</summary>
public sealed record GetSchedulerStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetSchedulerStats Instance = new();
}

/// <summary>The scheduler's counters since it started.</summary>
/// <param name="Synced">Both informers have listed.</param>
/// <param name="Nodes">Nodes in the cache.</param>
/// <param name="Scheduled">Pods placed and bound.</param>
/// <param name="FailedAttempts">Cycles that found no node.</param>
/// <param name="BindFailures">Binds that failed and were rolled back.</param>
/// <param name="Pending">Pods in the queue (any part, in flight included).</param>
/// <param name="Assumed">Pods assumed and not yet confirmed by the watch.</param>
/// <param name="CycleTime">Total time spent in scheduling cycles (filter and score).</param>
/// <param name="Cycles">Cycles run.</param>
public sealed record SchedulerStats(bool Synced, int Nodes, long Scheduled, long FailedAttempts, long BindFailures, int Pending, int Assumed, TimeSpan CycleTime, long Cycles);
