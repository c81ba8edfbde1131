using Orchestrator.Actors.Controllers.CronJobs;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Batch.V1;

namespace Orchestrator.Actors.Tests.Controllers.CronJobs;

/// <summary>The CronJob controller on a clock the spec moves; the spec plays the Job controller where a Job must end.</summary>
public sealed class CronJobControllerSpec() : ScenarioSpec("orchestrator.controllers.cronjob.max-requeue = 100ms")
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private void StartController() =>
        Sys.ActorOf(CronJobController.Props(Store, ControllerSettings, CronJobSettings.From(Sys.Config), _clock), "cronjob-controller");

    private async Task<List<Job>> Jobs() =>
        (await List(new ListObjects("batch", "Job", "default"))).Items.Cast<Job>().OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();

    /// <summary>Moves the clock just past the next whole minute (after the real time too, so after every creation timestamp).</summary>
    private DateTimeOffset NextMinute()
    {
        var now = _clock.GetUtcNow() > DateTimeOffset.UtcNow ? _clock.GetUtcNow() : DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        _clock.Set(minute.AddSeconds(1));
        return minute;
    }

    [Fact]
    public async Task A_cron_job_starts_a_job_when_the_clock_reaches_its_schedule_and_records_it()
    {
        StartController();
        var cron = await Created(TestBatch.CronJob("tick", "* * * * *"));
        var (probe, _) = OpenWatch(new WatchObjects("batch", "Job", "default", AllowBookmarks: false));
        probe.ExpectNoMsg(Dilated(TimeSpan.FromMilliseconds(500)));

        var due = NextMinute();

        var added = NextChange(probe, Converge);
        var job = (Job)added.Object!;
        Assert.Equal(CronJobRules.JobName("tick", due), job.Metadata.Name);
        Assert.Equal(cron.Metadata.Uid, Assert.Single(job.Metadata.OwnerReferences!).Uid);
        await AwaitAssertAsync(async () =>
        {
            var status = ((CronJob)(await Get(KeyOf(cron))).Object!).Status;
            Assert.Equal(due, status?.LastScheduleTime);
            Assert.Equal(job.Metadata.Name, Assert.Single(status!.Active!).Name);
        }, Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Forbid_starts_no_second_job_while_the_first_runs_and_starts_the_missed_run_once_it_ends()
    {
        StartController();
        await Created(TestBatch.CronJob("report", "* * * * *", concurrencyPolicy: "Forbid"));
        var (probe, _) = OpenWatch(new WatchObjects("batch", "Job", "default", AllowBookmarks: false));

        NextMinute();
        var first = (Job)NextChange(probe, Converge).Object!;
        var missed = NextMinute();
        probe.ExpectNoMsg(Dilated(TimeSpan.FromSeconds(1)));
        Assert.Single(await Jobs());

        // The first Job ends (as the Job controller would record it).
        first.Status = new JobStatus { Succeeded = 1, CompletionTime = _clock.GetUtcNow(), Conditions = [new JobCondition { Type = JobRules.Complete, Status = "True" }] };
        Assert.True((await UpdateStatus(first)).IsSuccess);

        var second = (Job)probe.FishForMessage<WatchEvent>(e => e.Type == WatchEventType.Added, Converge).Object!;
        Assert.Equal(CronJobRules.JobName("report", missed), second.Metadata.Name);
    }

    [Fact]
    public async Task A_suspended_cron_job_starts_nothing()
    {
        StartController();
        var cron = TestBatch.CronJob("paused", "* * * * *");
        cron.Spec.Suspend = true;
        await Created(cron);
        var (probe, _) = OpenWatch(new WatchObjects("batch", "Job", "default", AllowBookmarks: false));

        NextMinute();

        probe.ExpectNoMsg(Dilated(TimeSpan.FromSeconds(1)));
    }
}
