using System.Text.Json.Nodes;
using Orchestrator.Host.Roles;
using Orchestrator.Host.Startup;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// Two nodes on real Docker: <c>orch up</c> and a second process started with <c>orch node --join</c>. The hello
/// app runs; draining the first node moves its pods to the second; killing the second node's process (SIGKILL)
/// makes its pods come back on the first once the node lifecycle controller has seen its lease lapse. Node
/// monitoring is shortened through a config file so the scenario takes seconds, not minutes.
/// </summary>
public sealed class TwoNodeJourneyTests : TestKit.TestKit
{
    private const string FastNodeMonitoring = """
        orchestrator.controllers.node-lifecycle { monitor-period = 1s, monitor-grace-period = 8s, default-toleration-seconds = 1 }
        orchestrator.node-agent { lease-renew-interval = 2s, lease-duration = 8s }
        """;

    [Fact]
    public async Task A_joined_node_takes_drained_pods_and_gives_them_back_when_its_process_is_killed()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("orch-two-nodes-").FullName, "fast.conf");
        await File.WriteAllTextAsync(config, FastNodeMonitoring);
        await using var up = await OrchUp.StartAsync("--config", config);
        var seed = up.Output.Split('\n').First(l => l.StartsWith(Banner.ReadyPrefix, StringComparison.Ordinal))[Banner.ReadyPrefix.Length..].Trim();
        var secret = (await File.ReadAllTextAsync(Path.Combine(up.Folder, ".orch", ClusterSecret.FileName))).Trim();
        var second = "second-" + Guid.NewGuid().ToString("N")[..8];
        var nodeFolder = Directory.CreateTempSubdirectory("orch-node-").FullName;
        var node = ProgramRun.Start(ProgramRun.Orch, nodeFolder, new Dictionary<string, string> { ["ORCH_CLUSTER_SECRET"] = secret },
            "node", "--join", seed["orch.tcp://orch@".Length..], "--port", "0", "--node-name", second, "--config", config);
        var nodeOutput = new ProgramRun.OutputBuffer(node.StandardOutput);
        var nodeErrors = new ProgramRun.OutputBuffer(node.StandardError);
        try
        {
            Assert.False(node.WaitForExit(TimeSpan.FromSeconds(2)), $"orch node exited: {nodeOutput.Text}{nodeErrors.Text}");
            await AwaitAssertAsync(async () =>
            {
                var nodes = (await up.Ctl("get", "nodes")).Stdout;
                Assert.Matches($@"(?m)^{up.NodeName}\s+Ready", nodes);
                Assert.Matches($@"(?m)^{second}\s+Ready", nodes);
            }, Dilated(TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(1));

            var examples = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "examples", "hello");
            Assert.Equal(0, (await up.Ctl("apply", "-f", examples)).ExitCode);
            await LivePodsOn(up, null, 3);

            var drained = await up.Ctl("drain", up.NodeName);
            Assert.True(drained.ExitCode == 0, drained.ToString());
            await LivePodsOn(up, second, 3);
            Assert.Equal(0, (await up.Ctl("uncordon", up.NodeName)).ExitCode);

            node.Kill();
            await node.WaitForExitAsync();
            await LivePodsOn(up, up.NodeName, 3);
        }
        finally
        {
            if (!node.HasExited) node.Kill();
            node.Dispose();
            using var docker = new DockerClient(DockerClientOptions.FromEnvironment());
            foreach (var container in await docker.Containers.ListAsync(DockerFilters.ForLabel(WorkerRole.NodeLabel, second), all: true))
                await docker.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true);
            Directory.Delete(nodeFolder, recursive: true);
        }
    }

    /// <summary>Waits for <paramref name="count"/> Running, not terminating hello pods, all on <paramref name="nodeName"/> when given.</summary>
    private async Task LivePodsOn(OrchUp up, string? nodeName, int count) =>
        await AwaitAssertAsync(async () =>
        {
            var list = JsonNode.Parse((await up.Ctl("get", "pods", "-l", "app=hello", "-o", "json")).Stdout)!;
            var live = list["items"]!.AsArray()
                .Where(p => p!["metadata"]!["deletionTimestamp"] is null && p["status"]?["phase"]?.GetValue<string>() == "Running")
                .ToList();
            Assert.Equal(count, live.Count);
            if (nodeName is not null) Assert.All(live, p => Assert.Equal(nodeName, p!["spec"]!["nodeName"]!.GetValue<string>()));
        }, Dilated(TimeSpan.FromMinutes(3)), TimeSpan.FromSeconds(1));
}
