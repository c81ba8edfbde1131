using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Ping, version negotiation, info, and what happens when there is no daemon.</summary>
public sealed class SystemTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task Ping_answers_OK_and_names_the_daemons_api_version()
    {
        var ping = await Docker.System.PingAsync(Timeout);

        Assert.Equal("OK", ping.Body);
        Assert.False(string.IsNullOrEmpty(ping.ApiVersion));
        Assert.Equal("linux", ping.OsType);
    }

    [Fact]
    public async Task Negotiated_api_version_is_the_lower_of_the_daemons_and_the_clients_maximum()
    {
        var version = await Docker.System.VersionAsync(Timeout);
        var daemon = Version.Parse(version.ApiVersion!);
        var client = Version.Parse(DockerClient.MaximumApiVersion);
        var expected = daemon < client ? daemon : client;

        var negotiated = await Docker.GetApiVersionAsync(Timeout);

        Assert.Equal(expected.ToString(2), negotiated);
        Assert.True(Version.Parse(negotiated) >= Version.Parse(DockerClient.MinimumApiVersion));
    }

    [Fact]
    public async Task Info_describes_the_node_the_daemon_runs_on()
    {
        var info = await Docker.System.InfoAsync(Timeout);
        var version = await Docker.System.VersionAsync(Timeout);

        Assert.True(info.Cpus > 0);
        Assert.True(info.MemTotal > 0);
        Assert.Equal(version.Version, info.ServerVersion);
        Assert.False(string.IsNullOrEmpty(info.Driver));
    }

    [Fact]
    public async Task A_missing_socket_fails_with_an_unavailable_error_naming_the_endpoint()
    {
        var socket = $"/tmp/orch-test-no-daemon-{CaseId}.sock";
        using var client = new DockerClient(new DockerClientOptions { Endpoint = DockerEndpoint.Unix(socket) });

        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => client.System.PingAsync(Timeout));

        Assert.Contains(socket, error.Message, StringComparison.Ordinal);
        Assert.Equal(DockerEndpoint.Unix(socket), error.Endpoint);
    }

    [Fact]
    public async Task A_closed_loopback_port_fails_with_an_unavailable_error_naming_the_endpoint()
    {
        // Port 1 on loopback: nothing listens there, and the connection never leaves the machine.
        using var client = new DockerClient(new DockerClientOptions { Endpoint = DockerEndpoint.Parse("tcp://127.0.0.1:1") });

        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => client.Containers.ListAsync(cancellationToken: Timeout));

        Assert.Contains("tcp://127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_api_version_is_used_without_negotiation()
    {
        using var client = new DockerClient(DockerClientOptions.FromEnvironment() with { ApiVersion = "1.41" });

        Assert.Equal("1.41", await client.GetApiVersionAsync(Timeout));
        Assert.NotNull(await client.Containers.ListAsync(cancellationToken: Timeout));
    }

    [Fact]
    public async Task A_tcp_docker_host_reaches_the_daemon_for_plain_and_streaming_calls()
    {
        // With a unix DOCKER_HOST a loopback relay provides the TCP endpoint; with a TCP one it is used as is.
        await using var relay = Docker.Endpoint.Kind == DockerEndpointKind.Unix ? new LoopbackTcpRelay(Docker.Endpoint.SocketPath!) : null;
        var endpoint = relay is null ? Docker.Endpoint : DockerEndpoint.Parse($"tcp://127.0.0.1:{relay.Port}");
        using var client = new DockerClient(new DockerClientOptions { Endpoint = endpoint });
        var id = await RunContainerAsync("over-tcp", Shell("echo via-tcp; echo err >&2"));

        Assert.Equal("OK", (await client.System.PingAsync(Timeout)).Body);
        Assert.Equal(await Docker.GetApiVersionAsync(Timeout), await client.GetApiVersionAsync(Timeout));
        Assert.Equal(0, await client.Containers.WaitAsync(id, cancellationToken: Timeout));
        Assert.Equal(new ContainerOutput("via-tcp\n", "err\n"), await client.Containers.ReadLogsAsync(id, cancellationToken: Timeout));
    }
}
