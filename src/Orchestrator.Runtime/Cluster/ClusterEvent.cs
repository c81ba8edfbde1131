namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// What <see cref="Cluster.Subscribe"/> delivers: a snapshot of the membership and events for each change
/// this member's view of the cluster goes through.
/// </summary>
public static class ClusterEvent
{
    /// <summary>How a new subscriber learns the state that existed before it subscribed.</summary>
    public enum SubscriptionInitialStateMode
    {
        /// <summary>One event per current fact (MemberUp for each Up member, UnreachableMember, LeaderChanged...), as if they had just happened.</summary>
        InitialStateAsEvents,

        /// <summary>One <see cref="CurrentClusterState"/> message first, then events.</summary>
        InitialStateAsSnapshot,
    }

    /// <summary>Every event about the cluster's membership, reachability or leadership.</summary>
    public interface IClusterDomainEvent
    {
    }

    /// <summary>A member changed status.</summary>
    public interface IMemberEvent : IClusterDomainEvent
    {
        /// <summary>The member, with its new status.</summary>
        Member Member { get; }
    }

    /// <summary>A member became unreachable or reachable again.</summary>
    public interface IReachabilityEvent : IClusterDomainEvent
    {
        /// <summary>The member concerned.</summary>
        Member Member { get; }
    }

    /// <summary>
    /// The membership as this member sees it: members (sorted by address; Removed ones are gone),
    /// those some member's failure detector holds unreachable, the leader and the leader of each role.
    /// </summary>
    public sealed record CurrentClusterState(
        IReadOnlyCollection<Member> Members,
        IReadOnlySet<Member> Unreachable,
        Address? Leader,
        IReadOnlyDictionary<string, Address?> RoleLeaders)
    {
        /// <summary>The state of a node that has not joined: no members, no leader.</summary>
        public static readonly CurrentClusterState Empty = new([], new HashSet<Member>(), null, new Dictionary<string, Address?>());

        /// <summary>The leader among members with <paramref name="role"/>, or null when there is none.</summary>
        public Address? RoleLeader(string role) => RoleLeaders.GetValueOrDefault(role);

        /// <summary>The member at <paramref name="address"/>, or null.</summary>
        public Member? MemberAt(Address address) => Members.FirstOrDefault(m => m.Address.Equals(address));
    }

    /// <summary>A node asked to join and is now Joining.</summary>
    public sealed record MemberJoined(Member Member) : IMemberEvent;

    /// <summary>A joining member was let in while the cluster could not converge.</summary>
    public sealed record MemberWeaklyUp(Member Member) : IMemberEvent;

    /// <summary>A member is Up.</summary>
    public sealed record MemberUp(Member Member) : IMemberEvent;

    /// <summary>A member is leaving gracefully (Leaving).</summary>
    public sealed record MemberLeft(Member Member) : IMemberEvent;

    /// <summary>A leaving member is Exiting; it will be removed next.</summary>
    public sealed record MemberExited(Member Member) : IMemberEvent;

    /// <summary>A member was declared Down.</summary>
    public sealed record MemberDowned(Member Member) : IMemberEvent;

    /// <summary>A member is gone for good; <paramref name="PreviousStatus"/> tells whether it left (Exiting) or was downed (Down).</summary>
    public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : IMemberEvent;

    /// <summary>Some member's failure detector holds <paramref name="Member"/> unreachable.</summary>
    public sealed record UnreachableMember(Member Member) : IReachabilityEvent;

    /// <summary>No member holds <paramref name="Member"/> unreachable any longer.</summary>
    public sealed record ReachableMember(Member Member) : IReachabilityEvent;

    /// <summary>The leader changed (null: there is none, e.g. every member is unreachable or gone).</summary>
    public sealed record LeaderChanged(Address? Leader) : IClusterDomainEvent;

    /// <summary>The leader among members with <paramref name="Role"/> changed.</summary>
    public sealed record RoleLeaderChanged(string Role, Address? Leader) : IClusterDomainEvent;

    /// <summary>This member's cluster extension is shutting down (it left, was downed, or its system terminates).</summary>
    public sealed record ClusterShuttingDown : IClusterDomainEvent
    {
        /// <summary>The one instance.</summary>
        public static readonly ClusterShuttingDown Instance = new();
    }
}
