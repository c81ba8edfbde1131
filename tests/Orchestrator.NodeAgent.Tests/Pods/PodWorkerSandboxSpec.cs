using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>A dead sandbox, against the recording runtime: the pod starts again around a new one, as the kubelet does it.</summary>
public sealed class PodWorkerSandboxSpec : PodWorkerSpecBase
{
    private int SandboxesCreated => _runtime.Calls.Count(c => c.StartsWith("CreateSandbox", StringComparison.Ordinal));

    [Fact]
    public async Task An_app_container_that_exits_with_its_sandbox_dead_restarts_the_whole_pod_with_a_new_sandbox()
    {
        StartWorker(TestPods.With("lost", TestPods.Idle("app")).WithInit(TestPods.Idle("setup")));
        ExpectStatus(s => s.Container("setup")?.State?.Running is not null, "init runs");
        _runtime.Exit("setup", 0);
        var running = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "app runs");

        Assert.True(_runtime.Exit(PodLabels.SandboxName, 137));
        Assert.True(_runtime.Exit("app", 137));

        ExpectStatus(s => s.Container("setup")?.State?.Running is not null && s.Container("setup")!.RestartCount == 1, "init runs again");
        Assert.Equal(2, SandboxesCreated);
        _runtime.Exit("setup", 0);
        var again = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "app runs again");
        Assert.Equal(1, again.Container("app")!.RestartCount);
        Assert.NotEqual(running.Container("app")!.ContainerID, again.Container("app")!.ContainerID);
        Assert.Equal(137, again.Container("app")!.LastState!.Terminated!.ExitCode);
        // The dead sandbox is removed; each container's last dead instance stays as its "previous" one.
        var sandboxes = (await _runtime.ListPodContainersAsync(null, CancellationToken.None)).Where(c => c.Kind == PodLabels.SandboxKind).ToList();
        Assert.Single(sandboxes);
        Assert.Contains(running.Container("app")!.DockerId(), _runtime.ContainerIds);
    }

    [Fact]
    public void CheckSandbox_after_a_runtime_outage_finds_the_dead_sandbox_and_kills_and_restarts_the_running_containers()
    {
        var worker = StartWorker(TestPods.With("outage", TestPods.Idle("app")));
        var running = ExpectStatus(s => s.Container("app")?.State?.Running is not null, "app runs");
        Assert.True(_runtime.Exit(PodLabels.SandboxName, 137));

        worker.Tell(CheckSandbox.Instance);

        var again = ExpectStatus(s => s.Container("app")?.State?.Running is not null && s.Container("app")!.RestartCount == 1, "app runs again");
        Assert.Equal(2, SandboxesCreated);
        Assert.NotEqual(running.Container("app")!.ContainerID, again.Container("app")!.ContainerID);
        Assert.Contains(_runtime.Calls, c => c == "StopContainer app 0s");
    }

    [Fact]
    public void Under_restartPolicy_Never_a_pod_whose_sandbox_died_is_not_started_again()
    {
        var worker = StartWorker(TestPods.With("never", TestPods.Idle("app")).WithRestartPolicy(RestartPolicy.Never));
        ExpectStatus(s => s.Container("app")?.State?.Running is not null, "app runs");
        Assert.True(_runtime.Exit(PodLabels.SandboxName, 137));

        worker.Tell(CheckSandbox.Instance);

        var failed = ExpectStatus(s => s.Phase == PodPhase.Failed, "the pod failed");
        Assert.Equal(143, failed.Container("app")!.State!.Terminated!.ExitCode);
        Assert.Equal(1, SandboxesCreated);
    }
}
