using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>
/// Containers sharing one network namespace (<c>NetworkMode=container:&lt;id&gt;</c>), the way a pod's
/// containers share its sandbox: they talk over localhost.
/// </summary>
public sealed class PodNetworkTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    private const string FetchWithRetry =
        "for i in $(seq 1 300); do wget -qO- http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; echo gave-up >&2; exit 1";

    [Fact]
    public async Task A_container_joining_anothers_network_namespace_reaches_its_server_on_localhost()
    {
        var marker = $"hello-from-server-{CaseId}";
        var server = await RunContainerAsync("server", HttpServer(marker));

        var client = await RunContainerAsync("client", Shell(FetchWithRetry) with
        {
            HostConfig = new HostConfig { NetworkMode = $"container:{server}" },
        });

        Assert.Equal(0, await WaitForExitAsync(client));
        var output = await Docker.Containers.ReadLogsAsync(client, cancellationToken: Timeout);
        Assert.Equal($"{marker}\n", output.Stdout);
        Assert.Equal($"container:{server}", (await Docker.Containers.InspectAsync(client, Timeout)).HostConfig!.NetworkMode);
    }

    [Fact]
    public async Task Containers_of_a_pause_sandbox_reach_each_other_on_localhost_through_exec()
    {
        var marker = $"hello-from-pod-{CaseId}";
        var sandbox = await RunContainerAsync("sandbox", new ContainerCreateRequest { Image = DockerFixture.PauseImage });
        var joinSandbox = new HostConfig { NetworkMode = $"container:{sandbox}" };
        await RunContainerAsync("web", HttpServer(marker) with { HostConfig = joinSandbox });
        var sidecar = await RunContainerAsync("sidecar", Idle() with { HostConfig = joinSandbox });

        var result = await Docker.Exec.RunAsync(sidecar, ["sh", "-c", FetchWithRetry], Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{marker}\n", result.Stdout);
    }

    [Fact]
    public async Task A_server_on_localhost_is_not_reachable_from_a_container_outside_the_namespace()
    {
        var server = await RunContainerAsync("lonely-server", HttpServer("unreachable"));
        await Eventually.UntilAsync(
            async () => (await Docker.Exec.RunAsync(server, ["wget", "-qO-", "http://127.0.0.1:8080/"], Timeout)).ExitCode == 0,
            "the server answers inside its own namespace");

        var outsider = await RunContainerAsync("outsider", Shell("wget -qO- -T 2 http://127.0.0.1:8080/"));

        Assert.NotEqual(0, await WaitForExitAsync(outsider));
    }

    private static ContainerCreateRequest HttpServer(string page) =>
        Shell($"mkdir -p /tmp/www && echo {page} > /tmp/www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /tmp/www");
}
