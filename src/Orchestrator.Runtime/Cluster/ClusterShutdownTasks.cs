namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The cluster's part in coordinated shutdown: in cluster-leave a member that is still in the cluster leaves
/// gracefully and waits until it is Exiting; in cluster-exiting it waits until it is removed; in cluster-shutdown
/// the extension stops (subscribers get ClusterShuttingDown). Each wait is bounded by its phase's timeout.
/// </summary>
internal static class ClusterShutdownTasks
{
    public static void Register(Cluster cluster)
    {
        var shutdown = cluster.System.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "cluster-leave", () =>
        {
            if (cluster.IsTerminated || cluster.SelfMember.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving))
                return Task.CompletedTask;
            cluster.Leave(cluster.SelfAddress);
            return cluster.WhenExiting;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "cluster-exiting", () =>
            cluster.IsTerminated || cluster.SelfMember.Status is MemberStatus.Removed or MemberStatus.Down ? Task.CompletedTask : cluster.WhenRemoved);
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "cluster-shutdown", () =>
        {
            if (!cluster.IsTerminated) cluster.Daemon.Tell(ClusterDaemon.ShutdownCluster.Instance);
            return Task.CompletedTask;
        });
    }
}
