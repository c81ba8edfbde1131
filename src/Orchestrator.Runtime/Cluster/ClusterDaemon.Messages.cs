using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Cluster;

internal sealed partial class ClusterDaemon
{
    /// <summary>Join the cluster <see cref="Address"/> belongs to (<see cref="Cluster.Join"/>).</summary>
    public sealed record JoinTo(Address Address);

    /// <summary>Join through seed nodes (<see cref="Cluster.JoinSeedNodes"/>).</summary>
    public sealed record JoinSeeds(IReadOnlyList<Address> SeedNodes);

    /// <summary>Mark a member Leaving (<see cref="Cluster.Leave"/>).</summary>
    public sealed record LeaveMember(Address Address);

    /// <summary>Mark a member Down (<see cref="Cluster.Down"/>).</summary>
    public sealed record DownMember(Address Address);

    /// <summary>Add a subscriber (<see cref="Cluster.Subscribe"/>).</summary>
    public sealed record SubscribeEvents(IActorRef Subscriber, SubscriptionInitialStateMode Mode, IReadOnlyList<Type> To);

    /// <summary>Remove a subscriber (<see cref="Cluster.Unsubscribe"/>).</summary>
    public sealed record UnsubscribeEvents(IActorRef Subscriber);

    /// <summary>Coordinated shutdown reached cluster-shutdown: tell subscribers and stop.</summary>
    public sealed record ShutdownCluster
    {
        public static readonly ShutdownCluster Instance = new();
    }

    private sealed record GossipTick
    {
        public static readonly GossipTick Instance = new();
    }

    private sealed record LeaderTick
    {
        public static readonly LeaderTick Instance = new();
    }

    private sealed record JoinRetry
    {
        public static readonly JoinRetry Instance = new();
    }

    private sealed record QuarantineRemoved(UniqueAddress Node);

    private sealed record LeaseResult(bool Acquired, string? Error);
}
