using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Singleton;

/// <summary>
/// The members with a role, by age, as member events reveal them: a member counts from MemberUp until it
/// is removed. <see cref="OldestUp"/> is where a singleton should run; <see cref="Older"/> lists members that
/// may still run it (older, not yet removed). Used by the singleton manager and proxy and by shard regions
/// looking for their coordinator.
/// </summary>
internal sealed class OldestMembers(string role)
{
    private readonly SortedSet<Member> _members = new(Member.AgeOrdering);

    /// <summary>Applies a member event; true when the set or a status in it changed.</summary>
    public bool Apply(IMemberEvent e)
    {
        var member = e.Member;
        if (role.Length > 0 && !member.HasRole(role)) return false;
        _members.Remove(member);
        if (e is MemberRemoved) return true;
        if (member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp) return false;
        _members.Add(member);
        return true;
    }

    /// <summary>Replaces the set with the members of a snapshot.</summary>
    public void Reset(CurrentClusterState state)
    {
        _members.Clear();
        foreach (var m in state.Members)
            if ((role.Length == 0 || m.HasRole(role)) && m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Removed))
                _members.Add(m);
    }

    /// <summary>The oldest member that is Up (leaving members hand their singletons over).</summary>
    public Member? OldestUp => _members.FirstOrDefault(m => m.Status == MemberStatus.Up);

    /// <summary>Members older than <paramref name="member"/> that are not removed yet (they may still run the singleton).</summary>
    public IReadOnlyList<Member> Older(Member member) => _members.TakeWhile(m => !m.Equals(member) && m.IsOlderThan(member)).ToList();

    /// <summary>The member at <paramref name="address"/>, if it counts.</summary>
    public Member? At(Address address) => _members.FirstOrDefault(m => m.Address.Equals(address));
}
