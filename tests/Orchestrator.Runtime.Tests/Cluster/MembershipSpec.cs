using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Tests.Cluster.TestMembers;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class MembershipSpec
{
    [Fact]
    public void Converged_when_every_member_has_seen_the_state()
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Member('c', MemberStatus.Joining));
        Assert.True(Membership.IsConverged(g, Seen('a', 'b', 'c')));
        Assert.False(Membership.IsConverged(g, Seen('a', 'b')));
    }

    [Theory]
    [InlineData(MemberStatus.Up, false)]
    [InlineData(MemberStatus.Joining, false)]
    [InlineData(MemberStatus.Leaving, false)]
    [InlineData(MemberStatus.Down, true)]
    [InlineData(MemberStatus.Exiting, true)]
    public void An_unreachable_member_blocks_convergence_until_it_is_down_or_exiting(MemberStatus status, bool converged)
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Member('c', status, 3)).Unreachable('a', 'c');
        Assert.Equal(converged, Membership.IsConverged(g, Seen('a', 'b')));
    }

    [Fact]
    public void The_leader_is_the_first_reachable_up_or_leaving_member_by_address()
    {
        Assert.Equal(Node('a'), Membership.Leader(Gossip(Up('a', 2), Up('b', 1))));
        Assert.Equal(Node('b'), Membership.Leader(Gossip(Member('a', MemberStatus.Joining), Up('b', 1))));
        Assert.Equal(Node('b'), Membership.Leader(Gossip(Up('a', 1), Up('b', 2)).Unreachable('b', 'a')));
        Assert.Equal(Node('b'), Membership.Leader(Gossip(Member('a', MemberStatus.Down, 1), Up('b', 2))));
        Assert.Equal(Node('a'), Membership.Leader(Gossip(Member('a', MemberStatus.Joining), Member('b', MemberStatus.Joining))));
        Assert.Equal(Node('a'), Membership.Leader(Gossip(Member('a', MemberStatus.Exiting, 1))));
        Assert.Null(Membership.Leader(Runtime.Cluster.Gossip.Empty));
    }

    [Fact]
    public void Role_leaders_consider_only_members_with_the_role()
    {
        var g = Gossip(Member('a', MemberStatus.Up, 1, "worker"), Member('b', MemberStatus.Up, 2, "control-plane"), Member('c', MemberStatus.Up, 3, "control-plane"));
        Assert.Equal(Node('b'), Membership.Leader(g, "control-plane"));
        Assert.Equal(Node('a'), Membership.Leader(g, "worker"));
        Assert.Null(Membership.Leader(g, "none"));
    }

    [Fact]
    public void The_leader_moves_joining_members_up_with_the_next_up_numbers_in_address_order()
    {
        var result = Membership.LeaderActions(Gossip(Up('a', 1), Member('c', MemberStatus.Joining), Member('b', MemberStatus.Joining)), minNrOfMembers: 1);
        Assert.Equal(2, result.Gossip.MemberOf(Node('b'))!.UpNumber);
        Assert.Equal(3, result.Gossip.MemberOf(Node('c'))!.UpNumber);
        Assert.All(result.Gossip.Members.Values, m => Assert.Equal(MemberStatus.Up, m.Status));
        Assert.Empty(result.Removed);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Joining_members_wait_for_min_nr_of_members(int joined, bool movedUp)
    {
        var members = Enumerable.Range(0, joined).Select(i => Member((char)('a' + i), MemberStatus.Joining)).ToArray();
        var result = Membership.LeaderActions(Gossip(members), minNrOfMembers: 3);
        Assert.All(result.Gossip.Members.Values, m => Assert.Equal(movedUp ? MemberStatus.Up : MemberStatus.Joining, m.Status));
    }

    [Fact]
    public void Leaving_becomes_exiting_and_exiting_and_down_members_are_removed()
    {
        var g = Gossip(Up('a', 1), Member('b', MemberStatus.Leaving, 2), Member('c', MemberStatus.Exiting, 3), Member('d', MemberStatus.Down, 4));
        var result = Membership.LeaderActions(g, 1);
        Assert.Equal(MemberStatus.Exiting, result.Gossip.MemberOf(Node('b'))!.Status);
        Assert.Equal([Node('c'), Node('d')], result.Removed.Select(m => m.UniqueAddress));
        Assert.Equal([Node('a'), Node('b')], result.Gossip.Members.Keys);
        Assert.Contains(Node('c'), result.Gossip.Tombstones);
        // Exiting is removed in a later round, after everyone has seen it.
        Assert.Equal([Node('b')], Membership.LeaderActions(result.Gossip, 1).Removed.Select(m => m.UniqueAddress));
    }

    [Fact]
    public void Events_describe_each_change_between_two_snapshots()
    {
        var before = Membership.Snapshot(Gossip(Up('a', 1), Member('b', MemberStatus.Joining), Up('c', 2)));
        var after = Membership.Snapshot(Gossip(Up('a', 1), Up('b', 3), Member('d', MemberStatus.Joining)).Unreachable('a', 'b'));
        var events = ClusterEventDiff.Diff(before, after).Select(e => e.GetType().Name + ":" + e switch
        {
            ClusterEvent.IMemberEvent m => m.Member.Address.Port,
            ClusterEvent.IReachabilityEvent r => r.Member.Address.Port,
            _ => 0,
        }).ToArray();
        Assert.Equal(["MemberUp:2", "MemberJoined:4", "MemberRemoved:3", "UnreachableMember:2"], events);
    }

    [Fact]
    public void Age_ordering_puts_the_lowest_up_number_first_and_ties_by_address()
    {
        var members = new[] { Up('c', 2), Up('b', 1), Member('a', MemberStatus.Joining), Up('d', 1) };
        Assert.Equal(['b', 'd', 'c', 'a'], members.Order(Runtime.Cluster.Member.AgeOrdering).Select(m => (char)('a' + m.Address.Port!.Value - 1)));
        Assert.True(Up('b', 1).IsOlderThan(Up('a', 2)));
        Assert.False(Up('a', 2).IsOlderThan(Up('b', 1)));
    }

    [Fact]
    public void Heartbeat_targets_are_the_next_members_in_the_ring()
    {
        var all = "abcde".Select(c => Node(c)).ToArray();
        Assert.Equal([Node('e'), Node('a')], HeartbeatTargets.Select(Node('d'), all, 2));
        Assert.Equal([Node('b'), Node('c'), Node('d'), Node('e')], HeartbeatTargets.Select(Node('a'), all, 5));
        Assert.Empty(HeartbeatTargets.Select(Node('a'), [Node('a')], 5));
    }
}
