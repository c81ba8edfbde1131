using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.CronJobs;

/// <summary>What one CronJob sync does.</summary>
/// <param name="Run">The scheduled time to start a Job for now, or null.</param>
/// <param name="DeleteActive">Active Jobs to delete first (concurrencyPolicy Replace).</param>
/// <param name="DeleteHistory">Finished Jobs beyond the history limits, oldest first.</param>
/// <param name="Status">Status after this sync (lastScheduleTime is <paramref name="Run"/> once its Job exists).</param>
/// <param name="RequeueAfter">When to look again: the next scheduled time.</param>
/// <param name="Skipped">Why a due run was not started (Forbid with an active Job), or null.</param>
public sealed record CronJobPlan(DateTimeOffset? Run, IReadOnlyList<Job> DeleteActive, IReadOnlyList<Job> DeleteHistory, CronJobStatus Status, TimeSpan? RequeueAfter, string? Skipped);

/// <summary>
/// The CronJob decision (pure); the schedule is read in spec.timeZone's wall-clock time (UTC when unset). The run due now is the latest scheduled time after lastScheduleTime (or the
/// creation) and not after now; with startingDeadlineSeconds, only a time within that many seconds of now
/// counts, older ones are missed. Forbid leaves a due run waiting while a Job is active (it starts late if
/// still due when the Job ends), Replace deletes the active Jobs first, Allow just starts it. Suspend starts
/// nothing. Finished Jobs beyond successfulJobsHistoryLimit (default 3) and failedJobsHistoryLimit
/// (default 1) are deleted, oldest first.
/// </summary>
public static class CronJobRules
{
    /// <summary>Default successfulJobsHistoryLimit.</summary>
    public const int DefaultSuccessfulHistory = 3;

    /// <summary>Default failedJobsHistoryLimit.</summary>
    public const int DefaultFailedHistory = 1;

    /// <summary>The name of the Job for the run at <paramref name="scheduled"/>: the CronJob's name and the time in minutes since the epoch.</summary>
    public static string JobName(string cronJobName, DateTimeOffset scheduled) => $"{cronJobName}-{scheduled.ToUnixTimeSeconds() / 60}";

    /// <summary>Decides the sync of <paramref name="cronJob"/> owning <paramref name="jobs"/> at <paramref name="now"/>.</summary>
    public static CronJobPlan Reconcile(CronJob cronJob, CronSchedule schedule, IReadOnlyList<Job> jobs, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        var spec = cronJob.Spec;
        var active = jobs.Where(j => !JobRules.IsFinished(j) && j.Metadata.DeletionTimestamp is null).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();
        var succeeded = jobs.Where(j => JobRules.FinishedCondition(j)?.Type == JobRules.Complete).ToList();
        var failed = jobs.Where(j => JobRules.FinishedCondition(j)?.Type == JobRules.Failed).ToList();
        var lastSuccess = succeeded.Select(j => j.Status?.CompletionTime).Append(cronJob.Status?.LastSuccessfulTime).Max();
        var status = new CronJobStatus
        {
            Active = active.Select(j => new ObjectReference { ApiVersion = j.ApiVersion, Kind = j.Kind, Name = j.Metadata.Name, Namespace = j.Metadata.Namespace, Uid = j.Metadata.Uid }).ToList(),
            LastScheduleTime = cronJob.Status?.LastScheduleTime,
            LastSuccessfulTime = lastSuccess,
        };
        if (status.Active.Count == 0) status.Active = null;

        var history = Oldest(succeeded, spec.SuccessfulJobsHistoryLimit ?? DefaultSuccessfulHistory)
            .Concat(Oldest(failed, spec.FailedJobsHistoryLimit ?? DefaultFailedHistory)).ToList();
        var untilNext = schedule.Next(now, zone) is { } next ? next - now : (TimeSpan?)null;
        if (spec.Suspend == true) return new CronJobPlan(null, [], history, status, null, null);

        var since = status.LastScheduleTime ?? cronJob.Metadata.CreationTimestamp ?? now;
        if (spec.StartingDeadlineSeconds is { } deadline && now.AddSeconds(-deadline) > since) since = now.AddSeconds(-deadline);
        var due = LatestDue(schedule, since, now, zone);
        if (due is null) return new CronJobPlan(null, [], history, status, untilNext, null);

        switch (spec.ConcurrencyPolicy ?? "Allow")
        {
            case "Forbid" when active.Count > 0:
                return new CronJobPlan(null, [], history, status, untilNext, $"run at {due:O} waits: concurrencyPolicy Forbid and {active.Count} active job(s)");
            case "Replace":
                return new CronJobPlan(due, active, history, status, untilNext, null);
            default:
                return new CronJobPlan(due, [], history, status, untilNext, null);
        }
    }

    /// <summary>The latest scheduled time in (<paramref name="since"/>, <paramref name="now"/>], or null.</summary>
    public static DateTimeOffset? LatestDue(CronSchedule schedule, DateTimeOffset since, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        DateTimeOffset? latest = null;
        for (var t = schedule.Next(since, zone); t is { } at && at <= now; t = schedule.Next(at, zone)) latest = at;
        return latest;
    }

    private static IEnumerable<Job> Oldest(List<Job> finished, int keep) =>
        finished.OrderBy(j => j.Status?.CompletionTime ?? j.Metadata.CreationTimestamp).Take(Math.Max(finished.Count - keep, 0));
}
