using System.Collections.Immutable;

namespace Orchestrator.Runtime.Cluster;

internal sealed partial class ClusterHeartbeat
{
    /// <summary>The daemon's current member list (every incarnation in the gossip, self included).</summary>
    public sealed record MonitorMembers(IReadOnlyList<UniqueAddress> Members);

    /// <summary>To the daemon: the monitored members this member cannot hear now (sent when it changes).</summary>
    public sealed record ReachabilityObserved(ImmutableSortedSet<UniqueAddress> Unreachable);

    private sealed record SendHeartbeats
    {
        public static readonly SendHeartbeats Instance = new();
    }

    private sealed record ReapUnreachable
    {
        public static readonly ReapUnreachable Instance = new();
    }
}
