using System.Text.Json.Nodes;
using Orchestrator.Host.Roles;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// A pod bound to the <c>up</c> node runs as a real Docker container through the node agent, and orchctl shows it
/// Running; deleting it removes the container. Needs the Docker engine and the loopback registry's busybox image
/// (scripts/ensure-docker.sh, which test.sh runs first).
/// </summary>
public sealed class PodOnDockerTests : TestKit.TestKit
{
    private const string Image = "127.0.0.1:5000/orchestrator/busybox:1";

    [Fact]
    public async Task A_pod_bound_to_the_up_node_runs_as_a_container_and_orchctl_shows_it_Running()
    {
        await using var up = await OrchUp.StartAsync();
        var pod = $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              nodeName: {{up.NodeName}}
              terminationGracePeriodSeconds: 1
              containers:
                - name: web
                  image: {{Image}}
                  command: ["sh", "-c", "mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 8080 -h /www"]
            """;
        var applied = await up.CtlWithInput(pod, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());

        await AwaitAssertAsync(async () =>
        {
            var table = await up.Ctl("get", "pods");
            Assert.Matches(@"(?m)^web\s+1/1\s+Running\s+0\s+\S+$", table.Stdout);
        }, Dilated(TimeSpan.FromSeconds(90)), TimeSpan.FromSeconds(1));

        var json = JsonNode.Parse((await up.Ctl("get", "pod", "web", "-o", "json")).Stdout)!;
        var containerId = json["status"]!["containerStatuses"]![0]!["containerID"]!.GetValue<string>();
        Assert.StartsWith("docker://", containerId);

        using var docker = new DockerClient(DockerClientOptions.FromEnvironment());
        var containers = await docker.Containers.ListAsync(DockerFilters.ForLabel(WorkerRole.NodeLabel, up.NodeName));
        Assert.Contains(containers, c => c.Id == containerId["docker://".Length..] && c.State == "running");

        var deleted = await up.Ctl("delete", "pod", "web");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        await AwaitAssertAsync(async () =>
        {
            Assert.Equal(1, (await up.Ctl("get", "pod", "web")).ExitCode);
            Assert.Empty(await docker.Containers.ListAsync(DockerFilters.ForLabel(WorkerRole.NodeLabel, up.NodeName), all: true));
        }, Dilated(TimeSpan.FromSeconds(90)), TimeSpan.FromSeconds(1));
    }
}
