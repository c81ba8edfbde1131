using Orchestrator.NodeAgent.Docker;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Tells the node agent whether the container runtime answers and which version it is
/// (<see cref="IContainerRuntime"/> itself has no version or health call).
/// </summary>
public interface IRuntimeProbe
{
    /// <summary>The runtime's version as nodeInfo.containerRuntimeVersion writes it, e.g. <c>docker://27.1.1</c>; throws when the runtime is unreachable.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);
}

/// <summary>Asks the Docker engine itself: <c>/version</c>.</summary>
public sealed class DockerRuntimeProbe(DockerClient docker) : IRuntimeProbe
{
    /// <inheritdoc />
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var version = await docker.System.VersionAsync(cancellationToken).ConfigureAwait(false);
        return "docker://" + (string.IsNullOrEmpty(version.Version) ? "unknown" : version.Version);
    }
}

/// <summary>
/// Counts the runtime healthy when it can list pod containers; reports a fixed version. The default when
/// no probe is given (e.g. with the recording runtime of tests).
/// </summary>
public sealed class ListingRuntimeProbe(IContainerRuntime runtime, string version = "docker://unknown") : IRuntimeProbe
{
    /// <inheritdoc />
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await runtime.ListPodContainersAsync(null, cancellationToken).ConfigureAwait(false);
        return version;
    }
}
