using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.Jobs;

/// <summary>What one Job sync does: pods to create and delete, the status to write, when to look again.</summary>
/// <param name="Create">Pods to create from the template.</param>
/// <param name="Delete">Pods to delete (extra, or every active pod of a finished Job).</param>
/// <param name="Status">The Job's status after this sync.</param>
/// <param name="RequeueAfter">Sync again after this (a deadline, a retry back-off); null when events suffice.</param>
public sealed record JobPlan(int Create, IReadOnlyList<Pod> Delete, JobStatus Status, TimeSpan? RequeueAfter);

/// <summary>
/// The Job decision (pure): from the Job and the pods it controls, what to do now.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Runs <c>min(parallelism, completions − succeeded)</c> pods at a time (parallelism default 1; completions
/// default 1; with completions unset the Job is done once a pod succeeded and none is active).</item>
/// <item>Failures: pods in phase Failed (restartPolicy Never) plus, with restartPolicy OnFailure, the container
/// restarts of active pods. More than <c>backoffLimit</c> (default 6) fails the Job: condition Failed, reason
/// BackoffLimitExceeded. A failed pod is replaced after a back-off of base × 2^(failures−1), at most 6 minutes.</item>
/// <item><c>activeDeadlineSeconds</c> after startTime the Job fails with reason DeadlineExceeded.</item>
/// <item>A finished Job (Complete or Failed) deletes its remaining active pods and creates no more; suspend deletes them too.</item>
/// </list>
/// </remarks>
public static class JobRules
{
    /// <summary>Condition type of a Job that succeeded.</summary>
    public const string Complete = "Complete";

    /// <summary>Condition type of a Job that failed.</summary>
    public const string Failed = "Failed";

    /// <summary>Condition type of a suspended Job.</summary>
    public const string Suspended = "Suspended";

    /// <summary>Failed reason: too many pod failures.</summary>
    public const string BackoffLimitExceeded = "BackoffLimitExceeded";

    /// <summary>Failed reason: activeDeadlineSeconds passed.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Default backoffLimit.</summary>
    public const int DefaultBackoffLimit = 6;

    private static readonly TimeSpan _maxBackoff = TimeSpan.FromMinutes(6);

    /// <summary>True when the Job has a Complete or Failed condition that is True.</summary>
    public static bool IsFinished(Job job) => FinishedCondition(job) is not null;

    /// <summary>The True Complete or Failed condition, if any.</summary>
    public static JobCondition? FinishedCondition(Job job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type is Complete or Failed && c.Status == "True");

    /// <summary>Decides the sync of <paramref name="job"/> with its <paramref name="pods"/> at <paramref name="now"/>.</summary>
    public static JobPlan Reconcile(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now, TimeSpan failureBackoff)
    {
        var spec = job.Spec;
        var active = pods.Where(IsActive).ToList();
        var succeeded = pods.Count(p => p.Status?.Phase == PodPhase.Succeeded);
        var failedPods = pods.Where(p => p.Status?.Phase == PodPhase.Failed).ToList();
        var status = new JobStatus
        {
            Conditions = job.Status?.Conditions?.Select(CopyOf).ToList(),
            StartTime = job.Status?.StartTime,
            CompletionTime = job.Status?.CompletionTime,
            Active = active.Count,
            Succeeded = succeeded,
            Failed = failedPods.Count,
            Ready = active.Count(IsReady),
        };

        if (IsFinished(job)) return new JobPlan(0, active, status, null);

        if (spec.Suspend == true)
        {
            SetCondition(status, Suspended, "True", "JobSuspended", "Job suspended", now);
            return new JobPlan(0, active, status, null);
        }

        SetCondition(status, Suspended, "False", "JobResumed", "Job resumed", now, onlyIfPresent: true);
        status.StartTime ??= now;

        var restarts = spec.Template.Spec.RestartPolicy == RestartPolicy.OnFailure
            ? active.Sum(p => p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0)
            : 0;
        var failures = failedPods.Count + restarts;
        if (failures > (spec.BackoffLimit ?? DefaultBackoffLimit))
            return Fail(status, active, BackoffLimitExceeded, "Job has reached the specified backoff limit", now);

        TimeSpan? untilDeadline = null;
        if (spec.ActiveDeadlineSeconds is { } seconds)
        {
            untilDeadline = status.StartTime.Value + TimeSpan.FromSeconds(seconds) - now;
            if (untilDeadline <= TimeSpan.Zero)
                return Fail(status, active, DeadlineExceeded, "Job was active longer than specified deadline", now);
        }

        var completions = spec.Completions;
        var done = completions is { } c ? succeeded >= c : succeeded > 0 && active.Count == 0;
        if (done)
        {
            SetCondition(status, Complete, "True", null, null, now);
            status.CompletionTime = now;
            status.Active = 0;
            return new JobPlan(0, active, status, null);
        }

        var parallelism = spec.Parallelism ?? 1;
        var wanted = completions is { } total ? Math.Min(parallelism, total - succeeded) : succeeded > 0 ? 0 : parallelism;
        var missing = wanted - active.Count;
        if (missing < 0)
        {
            // Fewer wanted (parallelism lowered): the least advanced go first.
            var extra = active.OrderBy(p => IsReady(p)).ThenBy(p => p.Status?.Phase == PodPhase.Running)
                .ThenByDescending(p => p.Metadata.CreationTimestamp).Take(-missing).ToList();
            return new JobPlan(0, extra, status, untilDeadline);
        }

        if (missing > 0 && failedPods.Count > 0)
        {
            var lastFailure = failedPods.Max(FailedAt);
            var backoff = Backoff(failureBackoff, failedPods.Count);
            var wait = lastFailure + backoff - now;
            if (wait > TimeSpan.Zero) return new JobPlan(0, [], status, Min(wait, untilDeadline));
        }

        return new JobPlan(missing, [], status, untilDeadline);
    }

    /// <summary>The delay before the replacement of the <paramref name="failures"/>-th failed pod.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, int failures)
    {
        var delay = baseDelay * Math.Pow(2, Math.Min(failures - 1, 20));
        return delay > _maxBackoff ? _maxBackoff : delay;
    }

    private static JobPlan Fail(JobStatus status, List<Pod> active, string reason, string message, DateTimeOffset now)
    {
        SetCondition(status, Failed, "True", reason, message, now);
        return new JobPlan(0, active, status, null);
    }

    private static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhase.Succeeded or PodPhase.Failed);

    private static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTimeOffset FailedAt(Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated?.FinishedAt).Max()
        ?? pod.Status?.Conditions?.Select(c => c.LastTransitionTime).Max()
        ?? pod.Metadata.CreationTimestamp
        ?? DateTimeOffset.MinValue;

    private static TimeSpan? Min(TimeSpan a, TimeSpan? b) => b is { } other && other < a ? other : a;

    private static void SetCondition(JobStatus status, string type, string value, string? reason, string? message, DateTimeOffset now, bool onlyIfPresent = false)
    {
        var existing = status.Conditions?.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            if (onlyIfPresent) return;
            (status.Conditions ??= []).Add(new JobCondition { Type = type, Status = value, Reason = reason, Message = message, LastProbeTime = now, LastTransitionTime = now });
            return;
        }

        if (existing.Status == value) return;
        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
        existing.LastProbeTime = now;
        existing.LastTransitionTime = now;
    }

    private static JobCondition CopyOf(JobCondition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastProbeTime = c.LastProbeTime, LastTransitionTime = c.LastTransitionTime,
    };
}
