using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Pure parsing and formatting the client relies on; no daemon needed.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData("busybox", "busybox", "latest", null)]
    [InlineData("orchestrator/busybox:1", "orchestrator/busybox", "1", null)]
    [InlineData("127.0.0.1:5000/orchestrator/busybox:2", "127.0.0.1:5000/orchestrator/busybox", "2", null)]
    [InlineData("127.0.0.1:5000/orchestrator/busybox", "127.0.0.1:5000/orchestrator/busybox", "latest", null)]
    [InlineData("repo/app@sha256:abc", "repo/app", null, "sha256:abc")]
    [InlineData("repo/app:1@sha256:abc", "repo/app", null, "sha256:abc")]
    public void Image_references_split_into_repository_and_tag_or_digest(string text, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(new ImageReference(repository, tag, digest), reference);
    }

    [Theory]
    [InlineData("repo:")]
    [InlineData(":tag")]
    [InlineData("repo@nodigest")]
    [InlineData("has space:1")]
    public void Malformed_image_references_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => ImageReference.Parse(text));
    }

    [Theory]
    [InlineData("unix:///var/run/docker.sock", DockerEndpointKind.Unix, "/var/run/docker.sock", null, 0)]
    [InlineData("tcp://127.0.0.1:2375", DockerEndpointKind.Tcp, null, "127.0.0.1", 2375)]
    [InlineData("tcp://[::1]:2375", DockerEndpointKind.Tcp, null, "::1", 2375)]
    public void Docker_host_addresses_are_parsed(string address, DockerEndpointKind kind, string? path, string? host, int port)
    {
        var endpoint = DockerEndpoint.Parse(address);

        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(path, endpoint.SocketPath);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(address, endpoint.ToString());
    }

    [Theory]
    [InlineData("ssh://host")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("unix://relative.sock")]
    [InlineData("npipe:////./pipe/docker_engine")]
    public void Unsupported_docker_host_addresses_are_rejected(string address)
    {
        Assert.Throws<FormatException>(() => DockerEndpoint.Parse(address));
    }

    [Fact]
    public void Filters_serialize_in_the_daemons_map_form()
    {
        var filters = DockerFilters.ForLabel("orchestrator.test", "1").Label("app").Add("status", "exited");

        Assert.Equal("""{"label":{"app":true,"orchestrator.test=1":true},"status":{"exited":true}}""", filters.ToJson());
    }

    [Theory]
    [InlineData("1.41", null, "1.41")]
    [InlineData("1.43", "1.12", "1.43")]
    [InlineData("1.51", "1.24", "1.45")]
    public void Negotiation_picks_the_lower_maximum(string daemonMaximum, string? daemonMinimum, string expected)
    {
        Assert.Equal(expected, DockerTransport.Negotiate(daemonMaximum, daemonMinimum).ToString(2));
    }

    [Theory]
    [InlineData("1.40", null)]
    [InlineData("1.52", "1.46")]
    [InlineData("garbage", null)]
    public void Negotiation_refuses_daemons_outside_the_supported_range(string daemonMaximum, string? daemonMinimum)
    {
        Assert.Throws<DockerApiVersionException>(() => DockerTransport.Negotiate(daemonMaximum, daemonMinimum));
    }

    [Theory]
    [InlineData("""{"message":"No such container: x"}""", "No such container: x")]
    [InlineData("plain text error\n", "plain text error")]
    [InlineData("", "Not Found")]
    public void Error_bodies_yield_the_daemons_message(string body, string expected)
    {
        Assert.Equal(expected, DockerTransport.ExtractMessage(body, "Not Found"));
    }

    [Fact]
    public void Registry_auth_is_sent_as_url_safe_base64_json()
    {
        var header = new RegistryAuth { Username = "u", Password = "p>?", ServerAddress = "127.0.0.1:5000" }.ToHeaderValue();
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));

        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        Assert.Equal("""{"username":"u","password":"p\u003E?","serveraddress":"127.0.0.1:5000"}""", json);
    }

    [Fact]
    public void Create_requests_serialize_with_dockers_field_names()
    {
        var request = new ContainerCreateRequest
        {
            Image = "orchestrator/busybox:1",
            ExposedPorts = ["8080/tcp"],
            HostConfig = new HostConfig { NetworkMode = "container:abc", Memory = 1024, NanoCpus = 5 },
        };

        var json = System.Text.Encoding.UTF8.GetString(DockerJson.Serialize(request));

        Assert.Equal(
            """{"HostConfig":{"NetworkMode":"container:abc","Memory":1024,"NanoCpus":5,"RestartPolicy":{"Name":"no","MaximumRetryCount":0}},"Image":"orchestrator/busybox:1","ExposedPorts":{"8080/tcp":{}}}""",
            json);
    }
}
