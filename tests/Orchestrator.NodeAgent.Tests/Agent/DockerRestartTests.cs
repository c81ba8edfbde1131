using System.Diagnostics;
using System.Globalization;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.NodeAgent.Tests.Pods;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>
/// Nothing else of this test run may use the engine while it is stopped: the collection runs alone, after the
/// parallel ones, with its own fixture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerRestartCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine restarted";
}

/// <summary>
/// The engine stopped and started again under a running agent. dockerd runs without live-restore, so its
/// containers die with it: the Node goes NotReady naming Docker, then Ready again, and the pod runs again
/// around a new sandbox. dockerd is always started again, whatever happens, by the set-up script that started it.
/// </summary>
[Collection(DockerRestartCollection.Name)]
public sealed class DockerRestartTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "restart-node-")
{
    [Fact]
    public async Task Docker_restarted_under_a_running_agent_brings_the_node_back_Ready_and_the_pod_Running_with_a_new_sandbox()
    {
        StartAgent();
        await StoreRef.Created(Pod("steady", NodeName, DockerFixture.BusyboxImage, "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"), Request);
        var before = await AwaitPodAsync("steady", p => p.Status?.Phase == PodPhase.Running && p.Status.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null,
            "the pod runs");
        var oldSandbox = await RunningSandboxAsync();
        Assert.NotNull(oldSandbox);

        try
        {
            await StopDockerdAsync();
            var down = await AwaitNode(n => ReadyOf(n)?.Status == "False", "the Node is NotReady");
            Assert.Equal(NodeObjects.DockerUnreachableReason, ReadyOf(down)!.Reason);
            Assert.Contains("Docker", ReadyOf(down)!.Message, StringComparison.Ordinal);
        }
        finally
        {
            await StartDockerdAsync();
        }

        var up = await AwaitNode(n => ReadyOf(n)?.Status == "True", "the Node is Ready again");
        Assert.Equal(NodeObjects.ReadyReason, ReadyOf(up)!.Reason);
        // A restart can land in the old sandbox just before the engine kills it too, so wait for the settled state:
        // the pod's container runs in a running sandbox that is not the old one.
        await AwaitAssertAsync(async () =>
        {
            var pod = await StoreRef.Read<Pod>(PodKey("steady"), Request);
            var status = pod?.Status?.ContainerStatuses?.SingleOrDefault();
            Assert.True(pod?.Status?.Phase == PodPhase.Running && status?.State?.Running is not null, "the pod runs");
            Assert.NotEqual(before.Status!.ContainerStatuses![0].ContainerID, status!.ContainerID);
            Assert.True(status.RestartCount >= 1, "the restart is counted");
            var newSandbox = await RunningSandboxAsync();
            Assert.NotNull(newSandbox);
            Assert.NotEqual(oldSandbox, newSandbox);
            var app = await Docker.Containers.InspectAsync(status.DockerId());
            Assert.True(app.State?.Running, "the app container runs");
            Assert.Equal($"container:{newSandbox}", app.HostConfig?.NetworkMode);
        }, Long, TimeSpan.FromMilliseconds(200));
    }

    private async Task<string?> RunningSandboxAsync()
    {
        var containers = await CaseContainersAsync();
        return containers.SingleOrDefault(c => c.Labels?.GetValueOrDefault(PodLabels.ContainerKind) == PodLabels.SandboxKind && c.State == "running")?.Id;
    }

    private static NodeCondition? ReadyOf(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    private async Task<Node> AwaitNode(Func<Node, bool> predicate, string what)
    {
        Node? node = null;
        await AwaitAssertAsync(async () =>
        {
            node = await StoreRef.Read<Node>(new("", "Node", null, NodeName), Request);
            Assert.True(node is not null && predicate(node), what);
        }, Long, TimeSpan.FromMilliseconds(200));
        return node!;
    }

    /// <summary>SIGTERM to the daemon the set-up script started, then wait for the process to be gone.</summary>
    private async Task StopDockerdAsync()
    {
        var pid = int.Parse((await File.ReadAllTextAsync("/var/run/docker.pid")).Trim(), CultureInfo.InvariantCulture);
        var exitCode = await RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.Equal(0, exitCode);
        await AwaitAssertAsync(() =>
        {
            Assert.False(Directory.Exists($"/proc/{pid}"), $"dockerd ({pid}) still runs");
            return Task.CompletedTask;
        }, Long, TimeSpan.FromMilliseconds(200));
    }

    private static async Task StartDockerdAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "ensure-docker.sh");
        var exitCode = await RunAsync("bash", [script]);
        Assert.True(exitCode == 0, $"{script} failed with exit code {exitCode}");
    }

    private static async Task<int> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "ensure-docker.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no scripts/ensure-docker.sh above {AppContext.BaseDirectory}");
    }
}
