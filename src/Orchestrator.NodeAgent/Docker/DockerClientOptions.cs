namespace Orchestrator.NodeAgent.Docker;

/// <summary>Settings for <see cref="DockerClient"/>.</summary>
public sealed record DockerClientOptions
{
    /// <summary>Where the daemon listens; the local socket unless set (<see cref="FromEnvironment"/> reads <c>DOCKER_HOST</c>).</summary>
    public DockerEndpoint Endpoint { get; init; } = DockerEndpoint.Default;

    /// <summary>
    /// Pins the API version (e.g. "1.41") instead of negotiating it from <c>/version</c>.
    /// Must still lie within the client's supported range.
    /// </summary>
    public string? ApiVersion { get; init; }

    /// <summary>How long establishing a connection may take before the daemon counts as unavailable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Options from <c>DOCKER_HOST</c> and <c>DOCKER_API_VERSION</c>, like the docker CLI.</summary>
    public static DockerClientOptions FromEnvironment()
    {
        var version = Environment.GetEnvironmentVariable("DOCKER_API_VERSION");
        return new DockerClientOptions
        {
            Endpoint = DockerEndpoint.FromEnvironment(),
            ApiVersion = string.IsNullOrWhiteSpace(version) ? null : version,
        };
    }
}
