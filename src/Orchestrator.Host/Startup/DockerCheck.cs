using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.Host.Startup;

/// <summary>Makes sure a Docker engine answers before a node agent starts, so a missing engine is one clear error and not a NotReady node.</summary>
public static class DockerCheck
{
    /// <summary>A client of the engine (DOCKER_HOST or the local socket) and the engine's version; a <see cref="StartupException"/> when none answers within <paramref name="timeout"/>.</summary>
    public static async Task<(DockerClient Client, string Version)> RequireAsync(TimeSpan timeout)
    {
        var client = new DockerClient(DockerClientOptions.FromEnvironment() with { ConnectTimeout = timeout });
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            var version = await client.System.VersionAsync(cts.Token).ConfigureAwait(false);
            return (client, version.Version ?? "unknown");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var endpoint = client.Endpoint;
            client.Dispose();
            throw new StartupException(
                $"error: no Docker engine answers at {Describe(endpoint)}: {e.Message}\n" +
                "  A node runs its pods as Docker containers. Start the engine (as root: scripts/ensure-docker.sh installs, starts and prepares it), or point DOCKER_HOST at one.",
                3, e);
        }
    }

    private static string Describe(DockerEndpoint endpoint) =>
        endpoint.Kind == DockerEndpointKind.Unix ? "unix://" + endpoint.SocketPath : $"tcp://{endpoint.Host}:{endpoint.Port}";
}
