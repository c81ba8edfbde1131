using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>The pod worker's logic against the recording runtime: ordering, probes, termination, pull back-off.</summary>
public sealed class PodWorkerSpec : PodWorkerSpecBase
{
    [Fact]
    public void Init_containers_start_one_at_a_time_and_app_containers_only_after_all_completed()
    {
        StartWorker(TestPods.With("ordered", TestPods.Idle("app")).WithInit(TestPods.Idle("first"), TestPods.Idle("second")));

        var initializing = ExpectStatus(s => s.Container("first")?.State?.Running is not null, "first init runs");
        Assert.Equal("PodInitializing", initializing.Container("app")!.State!.Waiting!.Reason);
        Assert.Equal("False", initializing.ConditionStatus("Initialized"));
        Assert.DoesNotContain("CreateContainer second", _runtime.Calls);

        Assert.True(_runtime.Exit("first", 0));
        ExpectStatus(s => s.Container("second")?.State?.Running is not null, "second init runs");
        Assert.DoesNotContain("CreateContainer app", _runtime.Calls);

        Assert.True(_runtime.Exit("second", 0));
        var running = ExpectStatus(s => s.Phase == PodPhase.Running, "app runs");
        Assert.Equal("True", running.ConditionStatus("Initialized"));
        Assert.Equal(
            ["CreateContainer first", "CreateContainer second", "CreateContainer app"],
            _runtime.Calls.Where(c => c.StartsWith("CreateContainer", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_failed_init_container_under_Never_fails_the_pod_without_starting_app_containers()
    {
        StartWorker(TestPods.With("initfail", TestPods.Idle("app")).WithInit(TestPods.Idle("setup")).WithRestartPolicy(RestartPolicy.Never));
        ExpectStatus(s => s.Container("setup")?.State?.Running is not null, "init runs");

        _runtime.Exit("setup", 2);

        var failed = ExpectStatus(s => s.Phase == PodPhase.Failed, "failed");
        Assert.Equal(2, failed.Container("setup")!.State!.Terminated!.ExitCode);
        Assert.DoesNotContain("CreateContainer app", _runtime.Calls);
    }

    [Fact]
    public void A_liveness_failure_stops_the_container_and_restarts_it()
    {
        var container = TestPods.Idle("app");
        container.LivenessProbe = TestPods.ExecProbe("check");
        _runtime.ExecHandler = (_, _) => new ExecOutcome(1, "unhealthy", false);
        StartWorker(TestPods.With("live", container));

        var restarted = ExpectStatus(s => s.Container("app") is { RestartCount: 1, State.Running: not null }, "restarted");

        Assert.Contains(_runtime.Calls, c => c.StartsWith("StopContainer app", StringComparison.Ordinal));
        Assert.Equal(143, restarted.Container("app")!.LastState!.Terminated!.ExitCode);
    }

    [Fact]
    public void A_startup_probe_holds_back_liveness_and_readiness_until_it_succeeds()
    {
        var started = false;
        var container = TestPods.Idle("app");
        container.StartupProbe = TestPods.ExecProbe("startup");
        container.StartupProbe.FailureThreshold = 1000;
        container.LivenessProbe = TestPods.ExecProbe("live");
        container.ReadinessProbe = TestPods.ExecProbe("ready");
        _runtime.ExecHandler = (_, command) =>
            command[0] != "startup" || Volatile.Read(ref started) ? new ExecOutcome(0, "", false) : new ExecOutcome(1, "starting", false);
        StartWorker(TestPods.With("startup", container));

        var starting = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "running");
        Assert.False(starting.Container("app")!.Started);
        AwaitAssert(() => Assert.Contains("Exec app startup", _runtime.Calls), Deadline);
        Assert.DoesNotContain(_runtime.Calls, c => c is "Exec app live" or "Exec app ready");

        Volatile.Write(ref started, true);

        var ready = ExpectStatus(s => s.ConditionStatus("Ready") == "True", "ready once started");
        Assert.True(ready.Container("app")!.Started);
        AwaitAssert(() => Assert.Contains("Exec app live", _runtime.Calls), Deadline);
    }

    [Fact]
    public void A_startup_probe_that_keeps_failing_restarts_the_container()
    {
        var container = TestPods.Idle("app");
        container.StartupProbe = TestPods.ExecProbe("startup");
        container.StartupProbe.FailureThreshold = 2;
        _runtime.ExecHandler = (_, _) => new ExecOutcome(1, "never starts", false);
        StartWorker(TestPods.With("slow", container));

        ExpectStatus(s => s.Container("app")?.RestartCount >= 1, "restarted");
    }

    [Fact]
    public void A_failing_postStart_hook_kills_the_container_and_the_restart_policy_applies()
    {
        var container = TestPods.Idle("app");
        container.Lifecycle = new Lifecycle { PostStart = new LifecycleHandler { Exec = new ExecAction { Command = ["warm-up"] } } };
        _runtime.ExecHandler = (_, _) => new ExecOutcome(1, "warm-up failed", false);
        StartWorker(TestPods.With("poststart", container).WithRestartPolicy(RestartPolicy.Never));

        var failed = ExpectStatus(s => s.Phase == PodPhase.Failed, "failed");

        var terminated = failed.Container("app")!.State!.Terminated!;
        Assert.Equal("PostStartHookError", terminated.Reason);
        Assert.Equal("warm-up failed", terminated.Message);
        Assert.Contains(_runtime.Calls, c => c.StartsWith("StopContainer app", StringComparison.Ordinal));
    }

    [Fact]
    public void StopPod_runs_the_preStop_hook_before_stopping_and_removes_every_container()
    {
        var container = TestPods.Idle("app");
        container.Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { Exec = new ExecAction { Command = ["drain"] } } };
        var pod = TestPods.With("stop", container);
        pod.Spec.TerminationGracePeriodSeconds = 7;
        var worker = StartWorker(pod);
        ExpectStatus(s => s.Phase == PodPhase.Running, "running");
        Watch(worker);

        worker.Tell(new StopPod(), TestActor);

        FishForMessage<PodStopped>(m => m.PodUid == pod.Metadata.Uid, Deadline);
        ExpectTerminated(worker, Deadline);
        var calls = _runtime.Calls;
        var hook = calls.ToList().IndexOf("Exec app drain");
        var stop = calls.ToList().FindIndex(c => c.StartsWith("StopContainer app", StringComparison.Ordinal));
        Assert.True(hook >= 0 && stop > hook, string.Join(", ", calls));
        Assert.Empty(_runtime.ContainerIds);
    }

    [Fact]
    public void A_failed_pull_is_ErrImagePull_then_ImagePullBackOff_and_recovers_when_the_image_appears()
    {
        var failing = true;
        _runtime.PullFailure = image => Volatile.Read(ref failing) ? $"manifest for {image} not found" : null;
        StartWorker(TestPods.With("pull", TestPods.Idle("app")));

        var first = ExpectStatus(s => s.Container("app")?.State?.Waiting?.Reason == "ErrImagePull", "ErrImagePull");
        Assert.Contains("not found", first.Container("app")!.State!.Waiting!.Message, StringComparison.Ordinal);
        ExpectStatus(s => s.Container("app")?.State?.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff");

        Volatile.Write(ref failing, false);
        var running = ExpectStatus(s => s.Phase == PodPhase.Running, "running once the pull works");
        Assert.Equal(0, running.Container("app")!.RestartCount);
    }

    [Fact]
    public async Task A_worker_adopts_existing_containers_by_their_labels()
    {
        var pod = TestPods.With("adopt", TestPods.Idle("app"));
        var identity = new PodIdentity(pod.Metadata.Uid!, "test", "adopt");
        var sandbox = await _runtime.CreateSandboxAsync(identity, CancellationToken.None);
        var app = await _runtime.CreateContainerAsync(identity, sandbox.Id,
            new ContainerLaunch { Name = "app", Image = "busybox", RestartCount = 4 }, CancellationToken.None);
        await _runtime.StartContainerAsync(app, CancellationToken.None);

        StartWorker(pod);

        var adopted = ExpectStatus(s => s.Phase == PodPhase.Running, "running");
        Assert.Equal("docker://" + app, adopted.Container("app")!.ContainerID);
        Assert.Equal(4, adopted.Container("app")!.RestartCount);
        Assert.Single(_runtime.Calls, c => c.StartsWith("CreateContainer", StringComparison.Ordinal));
    }
}
