using System.Text.Json.Nodes;
using Orchestrator.Host.Roles;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// The user's whole journey on real Docker: <c>orch up</c> → <c>apply -f examples/hello/</c> → three pods Running that
/// answer HTTP → a removed container comes back → scale to 5 → roll out a new image and watch it complete →
/// <c>rollout undo</c> → delete → no containers left.
/// The scheduler and the controllers run in the <c>orch up</c> process (<see cref="ControlPlaneRole.Start"/>).
/// </summary>
public sealed class EndToEndJourneyTests : TestKit.TestKit
{
    [Fact]
    public async Task Hello_deploys_heals_scales_rolls_out_rolls_back_and_goes_away()
    {
        await using var up = await OrchUp.StartAsync();
        var examples = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "examples", "hello");
        var applied = await up.Ctl("apply", "-f", examples);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("deployment.apps/hello created\nservice/hello created\n", applied.Stdout);

        await RunningPods(up, 3);
        using var docker = new DockerClient(DockerClientOptions.FromEnvironment());
        var pods = await PodsJson(up);
        foreach (var pod in pods)
        {
            var ip = pod["status"]!["podIP"]!.GetValue<string>();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.StartsWith("hello from", await http.GetStringAsync($"http://{ip}:8080/"));
        }

        // A container removed behind the orchestrator's back comes back.
        var victim = pods[0]["status"]!["containerStatuses"]![0]!["containerID"]!.GetValue<string>()["docker://".Length..];
        await docker.Containers.RemoveAsync(victim, force: true);
        await RunningPods(up, 3);

        Assert.Equal("deployment.apps/hello scaled\n", (await up.Ctl("scale", "deploy/hello", "--replicas=5")).Stdout);
        await RunningPods(up, 5);

        var patched = (await up.Ctl("get", "deploy", "hello", "-o", "json")).Stdout.Replace("orchestrator/busybox:1", "orchestrator/busybox:2");
        Assert.Equal(0, (await up.CtlWithInput(patched, "apply", "-f", "-")).ExitCode);
        var status = await up.Ctl("rollout", "status", "deploy/hello", "--timeout", "300");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.EndsWith("deployment \"hello\" successfully rolled out\n", status.Stdout);
        // Old pods may still be terminating (graceful deletion), as with kubectl: only live pods count.
        Assert.All(await LivePodsJson(up), p => Assert.EndsWith("busybox:2", p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));

        var history = await up.Ctl("rollout", "history", "deploy/hello");
        Assert.Matches(@"(?m)^1\s+<none>$", history.Stdout);
        Assert.Matches(@"(?m)^2\s+<none>$", history.Stdout);
        Assert.Equal("deployment.apps/hello rolled back\n", (await up.Ctl("rollout", "undo", "deploy/hello")).Stdout);
        Assert.Equal(0, (await up.Ctl("rollout", "status", "deploy/hello", "--timeout", "300")).ExitCode);
        Assert.All(await LivePodsJson(up), p => Assert.EndsWith("busybox:1", p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));

        Assert.Equal(0, (await up.Ctl("delete", "-f", examples)).ExitCode);
        await AwaitAssertAsync(async () =>
        {
            Assert.Empty(await PodsJson(up));
            Assert.Empty(await docker.Containers.ListAsync(DockerFilters.ForLabel(WorkerRole.NodeLabel, up.NodeName), all: true));
        }, Dilated(TimeSpan.FromMinutes(2)), TimeSpan.FromSeconds(1));
    }

    private async Task RunningPods(OrchUp up, int count) =>
        await AwaitAssertAsync(async () =>
        {
            var pods = await PodsJson(up);
            Assert.Equal(count, pods.Count(p => p["status"]?["phase"]?.GetValue<string>() == "Running" && p["metadata"]!["deletionTimestamp"] is null));
        }, Dilated(TimeSpan.FromMinutes(3)), TimeSpan.FromSeconds(1));

    private static async Task<IReadOnlyList<JsonNode>> LivePodsJson(OrchUp up) =>
        (await PodsJson(up)).Where(p => p["metadata"]!["deletionTimestamp"] is null).ToList();

    private static async Task<IReadOnlyList<JsonNode>> PodsJson(OrchUp up)
    {
        var list = JsonNode.Parse((await up.Ctl("get", "pods", "-l", "app=hello", "-o", "json")).Stdout)!;
        return list["items"]!.AsArray().Select(i => i!).ToList();
    }
}
