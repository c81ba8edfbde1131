using System.Collections.Immutable;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The rules of membership as pure functions of a gossip state: convergence, who leads, and what the leader does.
/// </summary>
internal static class Membership
{
    /// <summary>
    /// Converged: no member is unreachable unless it is Down or Exiting (those are on their way out), and
    /// every other member has seen this exact state.
    /// </summary>
    public static bool IsConverged(Gossip gossip, IReadOnlySet<UniqueAddress> seen)
    {
        var unreachable = gossip.Unreachable;
        foreach (var (node, member) in gossip.Members)
        {
            if (unreachable.Contains(node))
            {
                if (member.Status is not (MemberStatus.Down or MemberStatus.Exiting)) return false;
                continue;
            }
            if (!seen.Contains(node)) return false;
        }
        return true;
    }

    /// <summary>
    /// The leader: among reachable members that are not Down (with <paramref name="role"/> when given), the first by
    /// address that is Up or Leaving; when there is none, the first Joining or WeaklyUp one (so a lone first seed can
    /// lead itself to Up); when there is none either, the first Exiting one (so the last member of a cluster can
    /// remove itself).
    /// </summary>
    public static UniqueAddress? Leader(Gossip gossip, string? role = null)
    {
        var unreachable = gossip.Unreachable;
        UniqueAddress? joining = null, exiting = null;
        foreach (var (node, member) in gossip.Members)
        {
            if (unreachable.Contains(node) || member.Status == MemberStatus.Down) continue;
            if (role is not null && !member.HasRole(role)) continue;
            switch (member.Status)
            {
                case MemberStatus.Up or MemberStatus.Leaving:
                    return node;
                case MemberStatus.Joining or MemberStatus.WeaklyUp:
                    joining ??= node;
                    break;
                case MemberStatus.Exiting:
                    exiting ??= node;
                    break;
            }
        }
        return joining ?? exiting;
    }

    /// <summary>What the leader did in one round.</summary>
    public sealed record LeaderActionsResult(Gossip Gossip, IReadOnlyList<Member> Removed);

    /// <summary>
    /// One round of the leader's work on a converged state: Exiting and Down members are removed (tombstoned);
    /// Leaving members become Exiting; Joining and WeaklyUp members become Up with the next up-numbers once at least
    /// <paramref name="minNrOfMembers"/> members are in the cluster.
    /// </summary>
    public static LeaderActionsResult LeaderActions(Gossip gossip, int minNrOfMembers)
    {
        var removed = new List<Member>();
        var result = gossip;
        foreach (var member in gossip.Members.Values)
        {
            if (member.Status is MemberStatus.Exiting or MemberStatus.Down)
            {
                removed.Add(member);
                result = result.Remove(member.UniqueAddress);
            }
        }
        var active = result.Members.Values.Count(m => m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving);
        var nextUp = result.Members.Values.Select(m => m.UpNumber).DefaultIfEmpty(0).Max() + 1;
        foreach (var member in result.Members.Values.ToArray())
        {
            switch (member.Status)
            {
                case MemberStatus.Leaving:
                    result = result.WithMember(member.WithStatus(MemberStatus.Exiting));
                    break;
                case MemberStatus.Joining or MemberStatus.WeaklyUp when active >= minNrOfMembers:
                    result = result.WithMember(member.MovedUp(member.UpNumber > 0 ? member.UpNumber : nextUp++));
                    break;
            }
        }
        return new LeaderActionsResult(result, removed);
    }

    /// <summary>The members, sorted by address, as subscribers see them.</summary>
    public static ClusterEvent.CurrentClusterState Snapshot(Gossip gossip)
    {
        var unreachable = gossip.Unreachable;
        var roles = gossip.Members.Values.SelectMany(m => m.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new ClusterEvent.CurrentClusterState(
            gossip.Members.Values.ToImmutableList(),
            gossip.Members.Values.Where(m => unreachable.Contains(m.UniqueAddress)).ToImmutableHashSet(),
            Leader(gossip)?.Address,
            roles.ToImmutableDictionary(r => r, r => Leader(gossip, r)?.Address, StringComparer.Ordinal));
    }
}
