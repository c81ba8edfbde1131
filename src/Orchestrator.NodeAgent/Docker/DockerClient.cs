namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// A typed client for the Docker Engine API, grouped by area. Thread-safe; create one per daemon and
/// share it. The API version is negotiated with the daemon on the first versioned call.
/// </summary>
public sealed class DockerClient : IDisposable
{
    private readonly DockerTransport _transport;

    /// <summary>A client configured from <c>DOCKER_HOST</c> and <c>DOCKER_API_VERSION</c>.</summary>
    public DockerClient()
        : this(DockerClientOptions.FromEnvironment())
    {
    }

    /// <summary>A client with explicit settings.</summary>
    public DockerClient(DockerClientOptions options)
    {
        _transport = new DockerTransport(options);
        System = new DockerSystemApi(_transport);
        Images = new DockerImagesApi(_transport);
        Containers = new DockerContainersApi(_transport);
        Exec = new DockerExecApi(_transport);
        Events = new DockerEventsApi(_transport);
    }

    /// <summary>The oldest API version the client accepts.</summary>
    public static string MinimumApiVersion => DockerTransport.MinimumApiVersion.ToString(2);

    /// <summary>The newest API version the client uses.</summary>
    public static string MaximumApiVersion => DockerTransport.MaximumApiVersion.ToString(2);

    /// <summary>Where the daemon is reached.</summary>
    public DockerEndpoint Endpoint => _transport.Endpoint;

    /// <summary>Ping, version, info.</summary>
    public DockerSystemApi System { get; }

    /// <summary>Image calls.</summary>
    public DockerImagesApi Images { get; }

    /// <summary>Container calls.</summary>
    public DockerContainersApi Containers { get; }

    /// <summary>Exec calls.</summary>
    public DockerExecApi Exec { get; }

    /// <summary>The event stream.</summary>
    public DockerEventsApi Events { get; }

    /// <summary>
    /// The API version in use ("1.41"): the lower of the daemon's and <see cref="MaximumApiVersion"/>,
    /// negotiated on first use.
    /// </summary>
    /// <exception cref="DockerApiVersionException">The daemon is older or newer than the client supports.</exception>
    /// <exception cref="DockerUnavailableException">The daemon cannot be reached.</exception>
    public async Task<string> GetApiVersionAsync(CancellationToken cancellationToken = default) =>
        (await _transport.GetApiVersionAsync(cancellationToken).ConfigureAwait(false)).ToString(2);

    /// <summary>Closes pooled connections.</summary>
    public void Dispose() => _transport.Dispose();
}
