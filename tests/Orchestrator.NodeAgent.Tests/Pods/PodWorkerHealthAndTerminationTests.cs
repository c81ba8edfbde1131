using System.Diagnostics;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>The pod worker against the real engine: probes, graceful termination, adoption and the reaper.</summary>
public sealed class PodWorkerHealthAndTerminationTests(DockerFixture fixture) : PodWorkerDockerTestBase(fixture)
{
    [Fact]
    public async Task A_liveness_probe_that_starts_failing_restarts_the_container()
    {
        var container = TestPods.Shell("app", "touch /tmp/healthy; trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done");
        container.LivenessProbe = TestPods.ExecProbe("cat", "/tmp/healthy");
        StartWorker(TestPods.With("liveness", container));
        var running = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "running");
        var firstId = running.Container("app")!.ContainerID;

        // The probe starts failing: the test removes the file the probe checks.
        await Docker.Exec.RunAsync(running.Container("app")!.DockerId(), ["rm", "/tmp/healthy"]);

        var restarted = ExpectStatus(
            s => s.Container("app") is { RestartCount: >= 1, State.Running: not null },
            "restarted after the liveness probe failed");
        Assert.NotEqual(firstId, restarted.Container("app")!.ContainerID);
        Assert.Equal(firstId, restarted.Container("app")!.LastState!.Terminated!.ContainerID);
    }

    [Fact]
    public async Task A_readiness_probe_drives_the_Ready_condition()
    {
        var container = TestPods.Idle("app");
        container.ReadinessProbe = TestPods.ExecProbe("cat", "/tmp/ready");
        StartWorker(TestPods.With("readiness", container));

        var notReady = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "running");
        Assert.False(notReady.Container("app")!.Ready);
        Assert.Equal("False", notReady.ConditionStatus("Ready"));

        await Docker.Exec.RunAsync(notReady.Container("app")!.DockerId(), ["touch", "/tmp/ready"]);
        var ready = ExpectStatus(s => s.ConditionStatus("Ready") == "True", "ready");
        Assert.True(ready.Container("app")!.Ready);
        Assert.Equal("True", ready.ConditionStatus("ContainersReady"));

        await Docker.Exec.RunAsync(notReady.Container("app")!.DockerId(), ["rm", "/tmp/ready"]);
        ExpectStatus(s => s.ConditionStatus("Ready") == "False", "not ready again");
    }

    [Fact]
    public void HttpGet_and_tcpSocket_probes_reach_the_pod_ip_from_the_sandbox()
    {
        var container = TestPods.Shell("web", "mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 8080 -h /tmp/www");
        container.Ports = [new ContainerPort { Name = "http", Port = 8080 }];
        container.ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = "http" }, PeriodSeconds = 1 };
        container.LivenessProbe = new Probe { TcpSocket = new TcpSocketAction { Port = 8080 }, PeriodSeconds = 1, FailureThreshold = 1 };
        StartWorker(TestPods.With("http", container));

        var ready = ExpectStatus(s => s.ConditionStatus("Ready") == "True", "ready through the HTTP probe");

        Assert.NotNull(ready.PodIP);
        Assert.Equal(0, ready.Container("web")!.RestartCount);
    }

    [Fact]
    public async Task StopPod_runs_the_preStop_hook_then_kills_a_container_that_ignores_SIGTERM_after_the_grace_period()
    {
        var hostDir = Path.Combine(VolumeRoot, "host");
        var container = TestPods.Shell("stubborn", "trap '' TERM; while true; do sleep 1; done").Mounting("host", "/host");
        container.Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", "echo prestop > /host/marker"] } } };
        var pod = TestPods.With("graceful", container)
            .WithVolumes(new Volume { Name = "host", HostPath = new HostPathVolumeSource { Path = hostDir, Type = "DirectoryOrCreate" } });
        pod.Spec.TerminationGracePeriodSeconds = 2;
        var worker = StartWorker(pod);
        ExpectStatus(s => s.Container("stubborn")?.State?.Running is not null, "running");
        Watch(worker);

        var clock = Stopwatch.StartNew();
        worker.Tell(new StopPod(), TestActor);
        FishForMessage<PodStopped>(m => m.PodUid == pod.Metadata.Uid, Long, "the pod stopped");
        clock.Stop();

        Assert.Equal("prestop\n", await File.ReadAllTextAsync(Path.Combine(hostDir, "marker")));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"stopped after {clock.Elapsed}, before the grace period ran out");
        ExpectTerminated(worker, Long);
        Assert.Empty(await CaseContainersAsync());
    }

    [Fact]
    public async Task A_recreated_worker_adopts_the_running_containers_instead_of_creating_new_ones()
    {
        var pod = TestPods.With("adopt", TestPods.Idle("app"));
        var first = StartWorker(pod, "first");
        var running = ExpectStatus(s => s.Phase == PodPhase.Running, "running");
        var id = running.Container("app")!.ContainerID;
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Long);

        StartWorker(pod, "second");

        var adopted = ExpectStatus(s => s.Phase == PodPhase.Running, "running again");
        Assert.Equal(id, adopted.Container("app")!.ContainerID);
        Assert.Equal(0, adopted.Container("app")!.RestartCount);
        Assert.Equal(running.PodIP, adopted.PodIP);
        Assert.Equal(2, (await CaseContainersAsync()).Count);
    }

    [Fact]
    public async Task Adoption_keeps_the_restart_count_of_a_restarted_container()
    {
        var app = TestPods.Shell("app", "if [ -f /work/once ]; then trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done; fi; touch /work/once; exit 1")
            .Mounting("work", "/work");
        var pod = TestPods.With("readopt", app).WithVolumes(new Volume { Name = "work", EmptyDir = new EmptyDirVolumeSource() });
        var first = StartWorker(pod, "first");
        var restarted = ExpectStatus(s => s.Container("app") is { RestartCount: 1, State.Running: not null }, "running after one restart");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Long);

        StartWorker(pod, "second");

        var adopted = ExpectStatus(s => s.Phase == PodPhase.Running && s.Container("app")?.State?.Running is not null, "adopted");
        Assert.Equal(restarted.Container("app")!.ContainerID, adopted.Container("app")!.ContainerID);
        Assert.Equal(1, adopted.Container("app")!.RestartCount);
        // The sandbox, the running instance, and the dead one before it (kept for its logs, as the kubelet keeps it).
        var containers = await CaseContainersAsync();
        Assert.Equal(3, containers.Count);
        Assert.Contains(containers, c => c.Labels?.GetValueOrDefault(PodLabels.RestartCount) == "0" && c.State == "exited");
    }

    [Fact]
    public async Task The_reaper_removes_containers_of_pods_nobody_owns()
    {
        var kept = new PodIdentity(Guid.NewGuid().ToString("N"), "test", "kept");
        var orphan = new PodIdentity(Guid.NewGuid().ToString("N"), "test", "orphan");
        var keptSandbox = await Runtime.CreateSandboxAsync(kept, CancellationToken.None);
        var orphanSandbox = await Runtime.CreateSandboxAsync(orphan, CancellationToken.None);
        var orphanApp = await Runtime.CreateContainerAsync(orphan, orphanSandbox.Id,
            new ContainerLaunch { Name = "app", Image = DockerFixture.BusyboxImage, Args = ["sleep", "600"] }, CancellationToken.None);

        var removed = await ContainerReaper.ReapAsync(Runtime, new HashSet<string> { kept.Uid }, CancellationToken.None);

        Assert.Equal(new[] { orphanApp, orphanSandbox.Id }.Order(), removed.Order());
        Assert.Equal([keptSandbox.Id], (await CaseContainersAsync()).Select(c => c.Id));
    }
}
