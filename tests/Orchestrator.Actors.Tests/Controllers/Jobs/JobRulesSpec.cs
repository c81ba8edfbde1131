using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Controllers.Jobs;

/// <summary>The Job decision (pure).</summary>
public sealed class JobRulesSpec
{
    private static readonly DateTimeOffset _t0 = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan _backoff = TimeSpan.FromSeconds(10);

    private static Job NewJob(int? completions = null, int? parallelism = null, int? backoffLimit = null, long? deadline = null, string restart = RestartPolicy.Never) => new()
    {
        Metadata = new ObjectMeta { Name = "work", Namespace = "default" },
        Spec = new JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            ActiveDeadlineSeconds = deadline,
            Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = restart, Containers = [new Container { Name = "c", Image = "busybox" }] } },
        },
    };

    private static Pod PodIn(string phase, int minute = 0, int restarts = 0) => new()
    {
        Metadata = new ObjectMeta { Name = $"work-{Guid.NewGuid():N}", Namespace = "default", CreationTimestamp = _t0.AddMinutes(minute) },
        Status = new PodStatus
        {
            Phase = phase,
            ContainerStatuses = [new ContainerStatus { Name = "c", RestartCount = restarts, State = phase == PodPhase.Failed ? new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, FinishedAt = _t0.AddMinutes(minute) } } : null }],
        },
    };

    [Theory]
    [InlineData(null, null, 0, 1)]
    [InlineData(3, 2, 0, 2)]
    [InlineData(3, 2, 2, 1)]
    [InlineData(5, 10, 1, 4)]
    public void Runs_the_lesser_of_parallelism_and_the_completions_left(int? completions, int? parallelism, int succeeded, int expected)
    {
        var pods = Enumerable.Range(0, succeeded).Select(_ => PodIn(PodPhase.Succeeded)).ToList();

        var plan = JobRules.Reconcile(NewJob(completions, parallelism), pods, _t0, _backoff);

        Assert.Equal(expected, plan.Create);
        Assert.Equal(_t0, plan.Status.StartTime);
    }

    [Fact]
    public void Enough_successes_complete_the_job_with_a_completion_time()
    {
        var plan = JobRules.Reconcile(NewJob(2, 2), [PodIn(PodPhase.Succeeded), PodIn(PodPhase.Succeeded)], _t0, _backoff);

        Assert.Equal(0, plan.Create);
        var condition = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobRules.Complete, "True"), (condition.Type, condition.Status));
        Assert.Equal((_t0, 2, 0), (plan.Status.CompletionTime, plan.Status.Succeeded, plan.Status.Active));
    }

    [Fact]
    public void More_failures_than_the_backoff_limit_fail_the_job_and_delete_its_active_pods()
    {
        var running = PodIn(PodPhase.Running);
        var plan = JobRules.Reconcile(NewJob(backoffLimit: 1), [PodIn(PodPhase.Failed), PodIn(PodPhase.Failed), running], _t0.AddMinutes(5), _backoff);

        var condition = Assert.Single(plan.Status.Conditions!);
        Assert.Equal((JobRules.Failed, JobRules.BackoffLimitExceeded), (condition.Type, condition.Reason));
        Assert.Equal([running], plan.Delete);
        Assert.Equal(2, plan.Status.Failed);
    }

    [Fact]
    public void With_restart_policy_on_failure_container_restarts_count_as_failures()
    {
        var plan = JobRules.Reconcile(NewJob(backoffLimit: 2, restart: RestartPolicy.OnFailure), [PodIn(PodPhase.Running, restarts: 3)], _t0, _backoff);

        Assert.Equal(JobRules.BackoffLimitExceeded, Assert.Single(plan.Status.Conditions!).Reason);
    }

    [Fact]
    public void A_failed_pod_is_replaced_after_an_exponential_back_off()
    {
        var job = NewJob(backoffLimit: 6);
        Pod[] pods = [PodIn(PodPhase.Failed, minute: 0), PodIn(PodPhase.Failed, minute: 0)];

        var early = JobRules.Reconcile(job, pods, _t0.AddSeconds(5), _backoff);
        var late = JobRules.Reconcile(job, pods, _t0.AddSeconds(20), _backoff);

        Assert.Equal((0, TimeSpan.FromSeconds(15)), (early.Create, early.RequeueAfter));
        Assert.Equal(1, late.Create);
    }

    [Fact]
    public void The_active_deadline_fails_the_job()
    {
        var job = NewJob(deadline: 60);
        job.Status = new JobStatus { StartTime = _t0 };
        var running = PodIn(PodPhase.Running);

        var before = JobRules.Reconcile(job, [running], _t0.AddSeconds(30), _backoff);
        var after = JobRules.Reconcile(job, [running], _t0.AddSeconds(60), _backoff);

        Assert.Equal(TimeSpan.FromSeconds(30), before.RequeueAfter);
        Assert.Null(before.Status.Conditions);
        Assert.Equal(JobRules.DeadlineExceeded, Assert.Single(after.Status.Conditions!).Reason);
        Assert.Equal([running], after.Delete);
    }

    [Fact]
    public void A_finished_job_creates_nothing_more()
    {
        var job = NewJob(3);
        job.Status = new JobStatus { Conditions = [new JobCondition { Type = JobRules.Failed, Status = "True" }] };

        Assert.Equal(0, JobRules.Reconcile(job, [], _t0, _backoff).Create);
    }

    [Fact]
    public void Lowering_parallelism_deletes_the_extra_pods()
    {
        var plan = JobRules.Reconcile(NewJob(10, 1), [PodIn(PodPhase.Running, 0), PodIn(PodPhase.Pending, 1)], _t0, _backoff);

        Assert.Equal(PodPhase.Pending, Assert.Single(plan.Delete).Status!.Phase);
    }
}
