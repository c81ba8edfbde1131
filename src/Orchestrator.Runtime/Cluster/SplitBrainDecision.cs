namespace Orchestrator.Runtime.Cluster;

/// <summary>What the split-brain resolver decides on one side of a partition.</summary>
internal enum SplitBrainAction
{
    /// <summary>Nothing is unreachable: nothing to do.</summary>
    None,

    /// <summary>This side survives: down every unreachable member.</summary>
    DownUnreachable,

    /// <summary>This side loses: down every reachable member, this one included.</summary>
    DownReachable,
}

/// <summary>The split-brain resolver's strategies as pure functions of the gossip state one side sees.</summary>
internal static class SplitBrainDecision
{
    /// <summary>
    /// keep-majority: the side with more than half of the counted members survives; on a tie, the side holding
    /// the lowest address among them. Counted are Up and Leaving members: joining
    /// members may be on either side and must not tip the balance; only when no member is Up or Leaving do all count.
    /// Down members are already decided and never count.
    /// </summary>
    public static SplitBrainAction KeepMajority(Gossip gossip)
    {
        var (reachable, unreachable) = Sides(gossip);
        if (unreachable.Count == 0) return SplitBrainAction.None;
        var counted = reachable.Concat(unreachable).Any(IsCountedUp) ? (Func<Member, bool>)IsCountedUp : _ => true;
        var mine = reachable.Where(counted).ToList();
        var theirs = unreachable.Where(counted).ToList();
        if (mine.Count != theirs.Count) return mine.Count > theirs.Count ? SplitBrainAction.DownUnreachable : SplitBrainAction.DownReachable;
        var lowest = mine.Concat(theirs).Min(Member.AddressOrdering);
        return lowest is not null && mine.Contains(lowest) ? SplitBrainAction.DownUnreachable : SplitBrainAction.DownReachable;
    }

    /// <summary>lease-majority: the side whose leader holds the lease survives.</summary>
    public static SplitBrainAction LeaseMajority(Gossip gossip, bool leaseAcquired)
    {
        var (_, unreachable) = Sides(gossip);
        if (unreachable.Count == 0) return SplitBrainAction.None;
        return leaseAcquired ? SplitBrainAction.DownUnreachable : SplitBrainAction.DownReachable;
    }

    /// <summary>The members a decision downs.</summary>
    public static IReadOnlyList<Member> ToDown(Gossip gossip, SplitBrainAction action)
    {
        var (reachable, unreachable) = Sides(gossip);
        return action switch
        {
            SplitBrainAction.DownUnreachable => unreachable,
            SplitBrainAction.DownReachable => reachable,
            _ => [],
        };
    }

    /// <summary>The members not yet Down, split into those this side can reach and those it cannot.</summary>
    public static (IReadOnlyList<Member> Reachable, IReadOnlyList<Member> Unreachable) Sides(Gossip gossip)
    {
        var unreachableNodes = gossip.Unreachable;
        var reachable = new List<Member>();
        var unreachable = new List<Member>();
        foreach (var member in gossip.Members.Values)
        {
            if (member.Status == MemberStatus.Down) continue;
            // An unreachable Exiting member has left; it is on its way out, not on the other side of a partition.
            if (member.Status == MemberStatus.Exiting && unreachableNodes.Contains(member.UniqueAddress)) continue;
            (unreachableNodes.Contains(member.UniqueAddress) ? unreachable : reachable).Add(member);
        }
        return (reachable, unreachable);
    }

    private static bool IsCountedUp(Member m) => m.Status is MemberStatus.Up or MemberStatus.Leaving;
}
