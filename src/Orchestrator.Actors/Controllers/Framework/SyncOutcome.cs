namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// What one sync of a key ended with. <see cref="Error"/> makes the key retry with back-off;
/// <see cref="RequeueAfter"/> syncs it again later even on success (a deadline, minReadySeconds);
/// <see cref="Then"/> runs on the controller's own thread when the outcome arrives — the only place where
/// the asynchronous part of a sync may touch controller state (e.g. lower expectations for failed creates).
/// </summary>
public sealed record SyncOutcome(string? Error = null, TimeSpan? RequeueAfter = null, Action? Then = null)
{
    /// <summary>Success, nothing more to do.</summary>
    public static SyncOutcome Done { get; } = new();

    /// <summary>A completed task of <see cref="Done"/>.</summary>
    public static Task<SyncOutcome> DoneTask { get; } = Task.FromResult(Done);

    /// <summary>Success; sync again after <paramref name="delay"/>.</summary>
    public static SyncOutcome After(TimeSpan delay) => new(RequeueAfter: delay);

    /// <summary>A failure, retried with back-off.</summary>
    public static SyncOutcome Failed(string error) => new(error);
}
