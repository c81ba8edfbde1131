using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Tests.Docker;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>The pod worker running real containers: shared network, init order, restart policies, start errors.</summary>
public sealed class PodWorkerLifecycleTests(DockerFixture fixture) : PodWorkerDockerTestBase(fixture)
{
    [Fact]
    public async Task Two_containers_of_a_pod_share_its_network_namespace()
    {
        var marker = "hello-" + CaseId;
        var pod = TestPods.With("net",
                TestPods.Shell("web", $"mkdir -p /tmp/www && echo {marker} > /tmp/www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /tmp/www"),
                TestPods.Shell("client", "for i in $(seq 1 300); do wget -qO- http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1"))
            .WithRestartPolicy(RestartPolicy.Never);
        StartWorker(pod);

        var status = ExpectStatus(
            s => s.Container("client")?.State?.Terminated is { ExitCode: 0 } && s.Container("web")?.State?.Running is not null,
            "client fetched the page and web still runs");

        Assert.Equal(PodPhase.Running, status.Phase);
        Assert.NotNull(status.PodIP);
        Assert.StartsWith("docker://", status.Container("web")!.ContainerID, StringComparison.Ordinal);
        var output = await Docker.Containers.ReadLogsAsync(status.Container("client")!.DockerId());
        Assert.Equal($"{marker}\n", output.Stdout);
    }

    [Fact]
    public async Task Init_containers_run_one_after_another_before_the_app_containers()
    {
        var pod = TestPods.With("init", TestPods.Shell("app", "cat /work/order; trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done").Mounting("work", "/work"))
            .WithInit(
                TestPods.Shell("first", "sleep 1; echo first >> /work/order").Mounting("work", "/work"),
                TestPods.Shell("second", "echo second >> /work/order").Mounting("work", "/work"))
            .WithVolumes(new Volume { Name = "work", EmptyDir = new EmptyDirVolumeSource() });
        StartWorker(pod);

        var status = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "the app container runs");

        Assert.Equal("True", status.ConditionStatus("Initialized"));
        Assert.Equal("Completed", status.Container("first")!.State!.Terminated!.Reason);
        Assert.Equal("Completed", status.Container("second")!.State!.Terminated!.Reason);
        await AwaitAssertAsync(async () =>
            Assert.Equal("first\nsecond\n", await Runtime.ReadLogsAsync(status.Container("app")!.DockerId(), CancellationToken.None)), Long);
    }

    [Fact]
    public void A_failing_container_under_Always_restarts_at_once_then_with_a_growing_back_off_in_CrashLoopBackOff()
    {
        StartWorker(TestPods.With("always", TestPods.Shell("crash", "exit 1")).WithRestartPolicy(RestartPolicy.Always));

        var first = ExpectStatus(s => s.Container("crash")?.State?.Waiting?.Reason == "CrashLoopBackOff", "crash-looping");
        // The first restart came without a back-off, as the kubelet's does; the configured base (200 ms) starts with the second.
        Assert.Equal(1, first.Container("crash")!.RestartCount);
        Assert.Contains("back-off 200ms", first.Container("crash")!.State!.Waiting!.Message, StringComparison.Ordinal);
        Assert.Equal(1, first.Container("crash")!.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", first.Container("crash")!.LastState!.Terminated!.Reason);
        Assert.Equal(PodPhase.Running, first.Phase);

        var second = ExpectStatus(s => s.Container("crash")?.State?.Waiting?.Message?.Contains("back-off 400ms", StringComparison.Ordinal) == true, "back-off doubled");
        Assert.True(second.Container("crash")!.RestartCount >= 1);
        var third = ExpectStatus(s => s.Container("crash")?.State?.Waiting?.Message?.Contains("back-off 800ms", StringComparison.Ordinal) == true, "back-off doubled again");
        Assert.True(third.Container("crash")!.RestartCount >= 2);
    }

    [Fact]
    public void A_failing_container_under_OnFailure_is_restarted()
    {
        StartWorker(TestPods.With("onfailure", TestPods.Shell("crash", "exit 1")).WithRestartPolicy(RestartPolicy.OnFailure));

        var status = ExpectStatus(s => s.Container("crash")?.RestartCount >= 1, "restarted at least once");

        Assert.Equal(PodPhase.Running, status.Phase);
    }

    [Fact]
    public void A_failing_container_under_Never_fails_the_pod()
    {
        StartWorker(TestPods.With("never", TestPods.Shell("crash", "exit 3")).WithRestartPolicy(RestartPolicy.Never));

        var status = ExpectStatus(s => s.Phase == PodPhase.Failed, "the pod failed");

        var terminated = status.Container("crash")!.State!.Terminated!;
        Assert.Equal(3, terminated.ExitCode);
        Assert.Equal("Error", terminated.Reason);
        Assert.Equal(0, status.Container("crash")!.RestartCount);
        Assert.Equal("PodCompleted", status.Conditions!.Single(c => c.Type == "Ready").Reason);
    }

    [Fact]
    public void A_container_exiting_0_under_OnFailure_completes_the_pod()
    {
        StartWorker(TestPods.With("done", TestPods.Shell("job", "exit 0")).WithRestartPolicy(RestartPolicy.OnFailure));

        var status = ExpectStatus(s => s.Phase == PodPhase.Succeeded, "the pod succeeded");

        Assert.Equal("Completed", status.Container("job")!.State!.Terminated!.Reason);
        Assert.Equal(0, status.Container("job")!.RestartCount);
    }

    [Fact]
    public void An_image_that_does_not_exist_is_ErrImagePull_with_the_daemons_message()
    {
        var missing = $"{DockerFixture.Registry}/orchestrator/missing-{CaseId}:1";
        StartWorker(TestPods.With("pull", new Container { Name = "app", Image = missing }));

        var status = ExpectStatus(s => s.Container("app")?.State?.Waiting?.Reason == "ErrImagePull", "ErrImagePull");
        var message = status.Container("app")!.State!.Waiting!.Message;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Contains("missing", message, StringComparison.Ordinal);
        Assert.Equal(PodPhase.Pending, status.Phase);

        var backOff = ExpectStatus(s => s.Container("app")?.State?.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff");
        Assert.Contains(message!, backOff.Container("app")!.State!.Waiting!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_missing_under_pull_policy_Never_is_ErrImageNeverPull()
    {
        var missing = $"orchestrator/never-pulled-{CaseId}:1";
        StartWorker(TestPods.With("neverpull", new Container { Name = "app", Image = missing, ImagePullPolicy = "Never" }));

        var status = ExpectStatus(s => s.Container("app")?.State?.Waiting?.Reason == "ErrImageNeverPull", "ErrImageNeverPull");
        Assert.Contains(missing, status.Container("app")!.State!.Waiting!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_that_does_not_exist_terminates_the_container_with_StartError()
    {
        var pod = TestPods.With("nocmd", new Container { Name = "app", Image = DockerFixture.BusyboxImage, Command = ["/no/such/binary"] })
            .WithRestartPolicy(RestartPolicy.Never);
        StartWorker(pod);

        var status = ExpectStatus(s => s.Phase == PodPhase.Failed, "the pod failed");

        var terminated = status.Container("app")!.State!.Terminated!;
        Assert.Equal("StartError", terminated.Reason);
        Assert.Equal(128, terminated.ExitCode);
        Assert.Contains("/no/such/binary", terminated.Message, StringComparison.Ordinal);
    }
}
