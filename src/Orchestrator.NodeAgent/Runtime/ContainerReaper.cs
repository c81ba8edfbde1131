namespace Orchestrator.NodeAgent.Runtime;

/// <summary>
/// Removes dangling containers: those labelled with a pod uid that no worker owns any more (the agent was
/// down when the pod was deleted, or a termination was cut short).
/// </summary>
public static class ContainerReaper
{
    /// <summary>Removes every pod container whose uid is not in <paramref name="livePodUids"/>; returns the removed ids.</summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(
        IContainerRuntime runtime, IReadOnlySet<string> livePodUids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(livePodUids);
        var containers = await runtime.ListPodContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        // App containers first, the sandbox last, so nothing is left without its network namespace meanwhile.
        foreach (var orphan in containers.Where(c => !livePodUids.Contains(c.PodUid)).OrderBy(c => c.Kind == PodLabels.SandboxKind))
        {
            await runtime.RemoveContainerAsync(orphan.Id, cancellationToken).ConfigureAwait(false);
            removed.Add(orphan.Id);
        }

        return removed;
    }
}
