using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Cluster;

/// <summary>The events that take a subscriber from one view of the cluster to the next (pure).</summary>
internal static class ClusterEventDiff
{
    /// <summary>Events from <paramref name="before"/> to <paramref name="after"/>: member changes, then reachability, then leaders.</summary>
    public static IReadOnlyList<IClusterDomainEvent> Diff(CurrentClusterState before, CurrentClusterState after)
    {
        var events = new List<IClusterDomainEvent>();
        var old = before.Members.ToDictionary(m => m.UniqueAddress);
        var now = after.Members.ToDictionary(m => m.UniqueAddress);
        foreach (var member in after.Members)
        {
            if (old.TryGetValue(member.UniqueAddress, out var previous) && previous.Status == member.Status) continue;
            if (StatusEvent(member) is { } e) events.Add(e);
        }
        foreach (var member in before.Members)
            if (!now.ContainsKey(member.UniqueAddress))
                events.Add(new MemberRemoved(member.WithStatus(MemberStatus.Removed), member.Status));
        foreach (var member in after.Unreachable)
            if (!before.Unreachable.Contains(member)) events.Add(new UnreachableMember(member));
        foreach (var member in before.Unreachable)
            if (!after.Unreachable.Contains(member) && now.TryGetValue(member.UniqueAddress, out var current)) events.Add(new ReachableMember(current));
        if (!Equals(before.Leader, after.Leader)) events.Add(new LeaderChanged(after.Leader));
        foreach (var (role, leader) in after.RoleLeaders)
            if (!before.RoleLeaders.TryGetValue(role, out var previous) || !Equals(previous, leader)) events.Add(new RoleLeaderChanged(role, leader));
        foreach (var (role, leader) in before.RoleLeaders)
            if (leader is not null && !after.RoleLeaders.ContainsKey(role)) events.Add(new RoleLeaderChanged(role, null));
        return events;
    }

    /// <summary>The event announcing <paramref name="member"/>'s current status.</summary>
    public static IMemberEvent? StatusEvent(Member member) => member.Status switch
    {
        MemberStatus.Joining => new MemberJoined(member),
        MemberStatus.WeaklyUp => new MemberWeaklyUp(member),
        MemberStatus.Up => new MemberUp(member),
        MemberStatus.Leaving => new MemberLeft(member),
        MemberStatus.Exiting => new MemberExited(member),
        MemberStatus.Down => new MemberDowned(member),
        _ => null,
    };

    /// <summary>True when <paramref name="e"/> is of one of the <paramref name="types"/> a subscriber asked for.</summary>
    public static bool Matches(IClusterDomainEvent e, IReadOnlyList<Type> types)
    {
        foreach (var t in types)
            if (t.IsInstanceOfType(e)) return true;
        return false;
    }
}
