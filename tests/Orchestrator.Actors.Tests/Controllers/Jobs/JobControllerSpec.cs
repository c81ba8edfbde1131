using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Controllers.Jobs;

/// <summary>The Job controller with a simulated node running its pods; the spec ends pods as their containers would.</summary>
public sealed class JobControllerSpec() : ScenarioSpec("orchestrator.controllers.job.pod-failure-backoff = 20ms")
{
    private void StartController() =>
        Sys.ActorOf(JobController.Props(Store, ControllerSettings, JobSettings.From(Sys.Config)), "job-controller");

    private async Task<List<Pod>> PodsOf(Job job) =>
        (await ListPods("default", labels: $"{JobController.JobNameLabel}={job.Metadata.Name}")).Items.Cast<Pod>().ToList();

    private async Task<Job> Stored(Job job) => (Job)(await Get(KeyOf(job))).Object!;

    /// <summary>Waits for a running pod of the job that has not ended yet.</summary>
    private async Task<Pod> NextRunningPod(Job job)
    {
        Pod? running = null;
        await AwaitAssertAsync(async () =>
        {
            running = (await PodsOf(job)).FirstOrDefault(p => p.Status?.Phase == PodPhase.Running && p.Metadata.DeletionTimestamp is null);
            Assert.NotNull(running);
        }, Converge, TimeSpan.FromMilliseconds(50));
        return running!;
    }

    private async Task End(Pod pod, int exitCode) =>
        Assert.True((await UpdateStatus(TestBatch.Finished(pod, exitCode))).IsSuccess);

    [Fact]
    public async Task A_job_retries_failed_pods_and_fails_after_its_backoff_limit()
    {
        StartNode("sim-1");
        StartController();
        var job = await Created(TestBatch.Job("flaky", backoffLimit: 2, node: "sim-1"));

        for (var attempt = 1; attempt <= 3; attempt++) await End(await NextRunningPod(job), exitCode: 1);

        await AwaitAssertAsync(async () =>
        {
            var failed = Assert.Single((await Stored(job)).Status?.Conditions ?? [], c => c.Type == JobRules.Failed);
            Assert.Equal(("True", JobRules.BackoffLimitExceeded), (failed.Status, failed.Reason));
        }, Converge, TimeSpan.FromMilliseconds(50));
        var status = (await Stored(job)).Status!;
        Assert.Equal((3, 0, 0), (status.Failed, status.Succeeded, status.Active));
        var pods = await PodsOf(job);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal(PodPhase.Failed, p.Status?.Phase));
    }

    [Fact]
    public async Task A_job_of_3_completions_runs_at_most_2_pods_at_a_time_and_completes()
    {
        StartNode("sim-1");
        StartController();
        var job = await Created(TestBatch.Job("batch", completions: 3, parallelism: 2, node: "sim-1"));

        var ended = 0;
        while (ended < 3)
        {
            var pod = await NextRunningPod(job);
            Assert.True((await PodsOf(job)).Count(PodConditions.IsActive) <= 2, "more than parallelism pods active");
            await End(pod, exitCode: 0);
            ended++;
        }

        await AwaitAssertAsync(async () =>
        {
            var stored = await Stored(job);
            Assert.Contains(stored.Status?.Conditions ?? [], c => c is { Type: JobRules.Complete, Status: "True" });
            Assert.NotNull(stored.Status!.CompletionTime);
            Assert.Equal((3, 0), (stored.Status.Succeeded, stored.Status.Active));
        }, Converge, TimeSpan.FromMilliseconds(50));
        Assert.Equal(3, (await PodsOf(job)).Count);
    }

    [Fact]
    public async Task A_job_past_its_active_deadline_fails_and_its_pods_are_deleted()
    {
        StartNode("sim-1");
        StartController();
        var spec = TestBatch.Job("slow", node: "sim-1");
        spec.Spec.ActiveDeadlineSeconds = 1;
        // A watch opened before the Job exists sees its pod even when the deadline (1 s) has already removed it
        // by the time a List would look: the scenario must not depend on catching the pod running.
        var (pods, _) = OpenWatch(new WatchObjects("", "Pod", "default", $"{JobController.JobNameLabel}=slow", AllowBookmarks: false));
        var job = await Created(spec);
        Assert.Equal(WatchEventType.Added, NextChange(pods, Converge).Type);

        await AwaitAssertAsync(async () =>
            Assert.Contains((await Stored(job)).Status?.Conditions ?? [], c => c is { Type: JobRules.Failed, Reason: JobRules.DeadlineExceeded }),
            Converge, TimeSpan.FromMilliseconds(50));
        await AwaitAssertAsync(async () => Assert.Empty(await PodsOf(job)), Converge, TimeSpan.FromMilliseconds(50));
    }
}
