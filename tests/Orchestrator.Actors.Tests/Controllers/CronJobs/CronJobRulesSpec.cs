using Orchestrator.Actors.Controllers.CronJobs;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Controllers.CronJobs;

/// <summary>The CronJob decision (pure).</summary>
public sealed class CronJobRulesSpec
{
    private static readonly DateTimeOffset _created = new(2026, 3, 10, 10, 0, 30, TimeSpan.Zero);
    private static readonly CronSchedule _everyFiveMinutes = CronSchedule.Parse("*/5 * * * *");

    private static CronJob Cron(string? policy = null, long? deadline = null, DateTimeOffset? last = null, bool suspend = false) => new()
    {
        Metadata = new ObjectMeta { Name = "report", Namespace = "default", CreationTimestamp = _created },
        Spec = new CronJobSpec { Schedule = "*/5 * * * *", ConcurrencyPolicy = policy, StartingDeadlineSeconds = deadline, Suspend = suspend },
        Status = last is null ? null : new CronJobStatus { LastScheduleTime = last },
    };

    private static Job JobFinished(string name, string? condition, int minute) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", CreationTimestamp = _created.AddMinutes(minute) },
        Status = new JobStatus
        {
            CompletionTime = condition is null ? null : _created.AddMinutes(minute + 1),
            Conditions = condition is null ? null : [new JobCondition { Type = condition, Status = "True" }],
        },
    };

    [Fact]
    public void Nothing_is_due_before_the_first_scheduled_time()
    {
        var plan = CronJobRules.Reconcile(Cron(), _everyFiveMinutes, [], _created.AddMinutes(2));

        Assert.Null(plan.Run);
        Assert.Equal(TimeSpan.FromSeconds(150), plan.RequeueAfter);
    }

    [Fact]
    public void The_latest_missed_time_is_the_one_run()
    {
        var plan = CronJobRules.Reconcile(Cron(), _everyFiveMinutes, [], _created.AddMinutes(16));

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 15, 0, TimeSpan.Zero), plan.Run);
    }

    [Fact]
    public void A_time_already_run_is_not_run_again()
    {
        var ran = new DateTimeOffset(2026, 3, 10, 10, 5, 0, TimeSpan.Zero);
        Assert.Null(CronJobRules.Reconcile(Cron(last: ran), _everyFiveMinutes, [], ran.AddMinutes(3)).Run);
    }

    [Fact]
    public void A_time_older_than_the_starting_deadline_is_missed()
    {
        var now = new DateTimeOffset(2026, 3, 10, 10, 7, 0, TimeSpan.Zero);
        Assert.Null(CronJobRules.Reconcile(Cron(deadline: 60), _everyFiveMinutes, [], now).Run);
        Assert.NotNull(CronJobRules.Reconcile(Cron(deadline: 180), _everyFiveMinutes, [], now).Run);
    }

    [Fact]
    public void Forbid_waits_while_a_job_is_active_and_replace_deletes_it()
    {
        var running = JobFinished("report-1", null, 5);
        var now = _created.AddMinutes(11);

        var forbid = CronJobRules.Reconcile(Cron("Forbid"), _everyFiveMinutes, [running], now);
        var replace = CronJobRules.Reconcile(Cron("Replace"), _everyFiveMinutes, [running], now);
        var allow = CronJobRules.Reconcile(Cron("Allow"), _everyFiveMinutes, [running], now);

        Assert.Null(forbid.Run);
        Assert.Contains("concurrencyPolicy Forbid", forbid.Skipped);
        Assert.NotNull(replace.Run);
        Assert.Equal([running], replace.DeleteActive);
        Assert.NotNull(allow.Run);
        Assert.Empty(allow.DeleteActive);
        Assert.Equal("report-1", Assert.Single(allow.Status.Active!).Name);
    }

    [Fact]
    public void Suspend_starts_nothing()
    {
        Assert.Null(CronJobRules.Reconcile(Cron(suspend: true), _everyFiveMinutes, [], _created.AddHours(1)).Run);
    }

    [Fact]
    public void Finished_jobs_beyond_the_history_limits_are_deleted_oldest_first()
    {
        Job[] jobs =
        [
            JobFinished("ok-1", JobRules.Complete, 1), JobFinished("ok-2", JobRules.Complete, 2), JobFinished("ok-3", JobRules.Complete, 3),
            JobFinished("ok-4", JobRules.Complete, 4), JobFinished("bad-1", JobRules.Failed, 5), JobFinished("bad-2", JobRules.Failed, 6),
        ];

        var plan = CronJobRules.Reconcile(Cron(), _everyFiveMinutes, jobs, _created.AddMinutes(7));

        Assert.Equal(["ok-1", "bad-1"], plan.DeleteHistory.Select(j => j.Metadata.Name));
        Assert.Equal(_created.AddMinutes(5), plan.Status.LastSuccessfulTime);
    }

    [Fact]
    public void The_job_name_is_the_scheduled_minute() =>
        Assert.Equal("report-29553000", CronJobRules.JobName("report", DateTimeOffset.FromUnixTimeSeconds(29553000L * 60)));
}
