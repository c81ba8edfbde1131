using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Host.Roles;
using Orchestrator.Host.Startup;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// Two nodes on real Docker: <c>orch up</c> and a second process started with <c>orch node --join</c>. Logs and exec of a
/// pod on the joined node cross processes (orchctl → admin console in the up process → node agent in the node process).
/// The hello app runs; a drain whose timeout passes names the pod still there; draining the first node moves its pods
/// to the second and waits until they are gone; killing the second node's process (SIGKILL)
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
    public async Task A_joined_node_serves_logs_and_exec_takes_drained_pods_and_gives_them_back_when_its_process_is_killed()
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

            await LogsAndExecCrossProcesses(up, second);

            var examples = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "examples", "hello");
            Assert.Equal(0, (await up.Ctl("apply", "-f", examples)).ExitCode);
            await LivePodsOn(up, null, 3);

            // A pod that ignores SIGTERM with a long grace period outlasts the drain's timeout; the hello pods do not.
            await ApplyRunning(up, "stubborn", up.NodeName, 300, "trap '' TERM; while true; do sleep 1; done");
            var timeout = $"{Dilated(TimeSpan.FromSeconds(15)).TotalSeconds:0}s";
            var stuck = await up.Ctl("drain", up.NodeName, "--force", "--timeout", timeout);
            Assert.True(stuck.ExitCode == 1, stuck.ToString());
            Assert.Contains($"waiting for the evicted pods of node {up.NodeName} to be gone; still there: default/stubborn", stuck.Stderr);
            // Every hello pod evicted from the first node (the scheduler spread them over both) was reported gone.
            Assert.Equal(Regex.Matches(stuck.Stdout, @"(?m)^evicting pod default/hello-\S+$").Count, Regex.Matches(stuck.Stdout, @"(?m)^pod/hello-\S+ evicted$").Count);
            Assert.Contains("evicting pod default/stubborn", stuck.Stdout);
            Assert.DoesNotContain("drained", stuck.Stdout);
            await LivePodsOn(up, second, 3);

            Assert.Equal(0, (await up.Ctl("delete", "pod", "stubborn", "--grace-period=0")).ExitCode);
            var drained = await up.Ctl("drain", up.NodeName, "--force");
            Assert.True(drained.ExitCode == 0, drained.ToString());
            Assert.EndsWith($"node/{up.NodeName} drained\n", drained.Stdout);
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

    /// <summary>Logs (all, tail, follow) and exec of a pod on the joined node, whose agent runs in the other process.</summary>
    private async Task LogsAndExecCrossProcesses(OrchUp up, string node)
    {
        await ApplyRunning(up, "remote-printer", node, 1, "echo one; echo two; echo three; while [ ! -f /tmp/stop ]; do sleep 0.2; done; echo bye");
        await AwaitAssertAsync(async () =>
        {
            var logs = await up.Ctl("logs", "remote-printer");
            Assert.True(logs.ExitCode == 0, logs.ToString());
            Assert.Equal("one\ntwo\nthree\n", logs.Stdout);
        }, Dilated(TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(500));
        Assert.Equal("three\n", (await up.Ctl("logs", "remote-printer", "--tail", "1")).Stdout);

        var (follow, followed) = up.StartCtl("logs", "-f", "remote-printer", "--tail", "1");
        try
        {
            Assert.True(await followed.WaitForAsync("three", Dilated(TimeSpan.FromSeconds(30))), followed.Text);
            var exec = await up.Ctl("exec", "remote-printer", "--", "sh", "-c", "echo hi; exit 3");
            Assert.Equal(3, exec.ExitCode);
            Assert.Equal("hi\n", exec.Stdout);
            var piped = await up.CtlWithInput("remote\n", "exec", "-i", "remote-printer", "--", "sh", "-c", "read x; echo got $x");
            Assert.True(piped.ExitCode == 0, piped.ToString());
            Assert.Equal("got remote\n", piped.Stdout);
            Assert.Equal(0, (await up.Ctl("exec", "remote-printer", "--", "touch", "/tmp/stop")).ExitCode);
            await follow.WaitForExitAsync().WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
            await followed.Pump;
            Assert.Equal("three\nbye\n", followed.Text);
        }
        finally
        {
            if (!follow.HasExited) follow.Kill();
            follow.Dispose();
        }
    }

    private Task ApplyRunning(OrchUp up, string name, string node, int gracePeriod, string script) =>
        BusyboxPods.ApplyRunningAsync(this, up, name, node, "Never", gracePeriod, ("main", script));

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
