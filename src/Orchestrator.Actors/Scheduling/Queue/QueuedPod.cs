using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Queue;

/// <summary>Where a pod is in the <see cref="SchedulingQueue"/>.</summary>
public enum QueueLocation
{
    /// <summary>Waiting to be scheduled, ordered by priority then time of entry.</summary>
    Active,

    /// <summary>Failed recently and waiting out its back-off before it is active again.</summary>
    Backoff,

    /// <summary>Failed; waits for a cluster event that may help, or for max-unschedulable-duration.</summary>
    Unschedulable,

    /// <summary>Has spec.schedulingGates; waits for an update that removes them.</summary>
    Gated,

    /// <summary>Popped and being scheduled or bound.</summary>
    InFlight,
}

/// <summary>A pod in the queue and its scheduling history.</summary>
public sealed class QueuedPod
{
    internal QueuedPod(PodInfo info, DateTimeOffset now)
    {
        Info = info;
        Timestamp = now;
        InitialAttempt = now;
    }

    /// <summary>The pod's current facts (replaced on update).</summary>
    public PodInfo Info { get; internal set; }

    /// <summary>namespace/name.</summary>
    public string Key => Info.Key;

    /// <summary>When it last entered the active queue (orders pods of equal priority).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>When it first entered the queue (latency is measured from here).</summary>
    public DateTimeOffset InitialAttempt { get; }

    /// <summary>Scheduling attempts made so far.</summary>
    public int Attempts { get; internal set; }

    /// <summary>When the last attempt failed.</summary>
    public DateTimeOffset LastFailure { get; internal set; }

    /// <summary>Events that can help it after its last failure.</summary>
    public ClusterEvents RetryOn { get; internal set; }

    /// <summary>Where it is.</summary>
    public QueueLocation Location { get; internal set; }

    /// <summary>Events seen while it was in flight (so a failure right after a helpful event is retried soon).</summary>
    internal ClusterEvents EventsWhileInFlight { get; set; }

    /// <summary>Bumped whenever it leaves the active heap, so stale heap entries are skipped.</summary>
    internal long Version { get; set; }
}
