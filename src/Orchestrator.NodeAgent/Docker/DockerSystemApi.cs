namespace Orchestrator.NodeAgent.Docker;

/// <summary>Daemon-wide calls: ping, version and info.</summary>
public sealed class DockerSystemApi
{
    private readonly DockerTransport _transport;

    internal DockerSystemApi(DockerTransport transport) => _transport = transport;

    /// <summary>
    /// <c>GET /_ping</c>: the cheapest liveness check. Unversioned, so it works before negotiation.
    /// </summary>
    /// <exception cref="DockerUnavailableException">The daemon cannot be reached.</exception>
    public async Task<PingResponse> PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _transport.OpenAsync(
            HttpMethod.Get, "/_ping", null, null, "ping", cancellationToken, versioned: false).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new PingResponse(Header(response, "API-Version"), Header(response, "OSType"), body);
    }

    /// <summary><c>GET /version</c>: engine and API versions.</summary>
    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<VersionResponse>("/version", null, "version", cancellationToken, versioned: false);

    /// <summary><c>GET /info</c>: the node's resources and the daemon's set-up.</summary>
    public Task<SystemInfo> InfoAsync(CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<SystemInfo>("/info", null, "info", cancellationToken);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
