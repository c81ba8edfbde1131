using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Tests.Cluster.TestMembers;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class GossipSpec
{
    [Theory]
    [InlineData(MemberStatus.Joining, MemberStatus.Up, MemberStatus.Up)]
    [InlineData(MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Up, MemberStatus.Down, MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Down)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Joining, MemberStatus.WeaklyUp)]
    public void Merging_keeps_the_later_status_whichever_side_has_it(MemberStatus mine, MemberStatus theirs, MemberStatus expected)
    {
        var a = Gossip(Member('a', mine));
        var b = Gossip(Member('a', theirs));
        Assert.Equal(expected, a.Merge(b).MemberOf(Node('a'))!.Status);
        Assert.Equal(expected, b.Merge(a).MemberOf(Node('a'))!.Status);
    }

    [Theory]
    [InlineData(0, 3, 3)]
    [InlineData(3, 0, 3)]
    [InlineData(2, 5, 2)]
    [InlineData(5, 2, 2)]
    public void Up_numbers_from_two_leaders_resolve_to_the_lower_one(int mine, int theirs, int expected)
    {
        var a = Gossip(Member('a', MemberStatus.Up, mine));
        var b = Gossip(Member('a', MemberStatus.Up, theirs));
        Assert.Equal(expected, a.Merge(b).MemberOf(Node('a'))!.UpNumber);
    }

    [Fact]
    public void Merge_is_commutative_associative_and_idempotent()
    {
        var x = Gossip(Up('a', 1), Member('b', MemberStatus.Joining)).Unreachable('a', 'b');
        var y = Gossip(Up('a', 1), Up('b', 2), Member('c', MemberStatus.Leaving, 3)).Remove(Node('d'));
        var z = Gossip(Member('a', MemberStatus.Down, 1), Member('e', MemberStatus.Joining)).Unreachable('e', 'a').Unreachable('e', 'a', 'b');
        Assert.True(x.Merge(y).SameAs(y.Merge(x)));
        Assert.True(x.Merge(y).Merge(z).SameAs(x.Merge(y.Merge(z))));
        Assert.True(x.Merge(x).SameAs(x));
        Assert.True(x.Merge(y).Merge(y).SameAs(x.Merge(y)));
    }

    [Fact]
    public void A_removed_incarnation_never_comes_back_from_stale_gossip()
    {
        var stale = Gossip(Up('a', 1), Up('b', 2));
        var current = stale.Remove(Node('b'));
        var merged = current.Merge(stale);
        Assert.False(merged.HasMember(Node('b')));
        Assert.Contains(Node('b'), merged.Tombstones);
        Assert.False(stale.Merge(current).HasMember(Node('b')));
    }

    [Fact]
    public void A_new_incarnation_on_the_same_address_is_another_member()
    {
        var g = Gossip(Up('a', 1)).Remove(Node('a')).WithMember(new Member(Node('a', uid: 2), MemberStatus.Joining, new HashSet<string>(), 0));
        Assert.True(g.HasMember(Node('a', uid: 2)));
        Assert.False(g.HasMember(Node('a')));
    }

    [Fact]
    public void Reachability_rows_merge_by_the_observer_version()
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Up('c', 3));
        var older = g.Unreachable('a', 'c');
        var newer = older.Unreachable('a');
        Assert.Equal([Node('c')], older.Unreachable);
        Assert.Empty(older.Merge(newer).Unreachable);
        Assert.Empty(newer.Merge(older).Unreachable);
    }

    [Fact]
    public void A_member_is_unreachable_when_any_observer_that_still_takes_part_says_so()
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Up('c', 3)).Unreachable('a', 'c');
        Assert.Equal([Node('c')], g.Unreachable);
        // A downed observer's opinion no longer counts.
        var downedObserver = g.WithMember(Member('a', MemberStatus.Down, 1));
        Assert.Empty(downedObserver.Unreachable);
    }

    [Fact]
    public void Seen_sets_travel_only_with_the_state_they_were_seen_for()
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Up('c', 3));
        var mine = new GossipState(g, Seen('a'));
        var same = new GossipState(g, Seen('b', 'c'));
        Assert.Equal(Seen('a', 'b', 'c'), mine.Receive(same, Node('a')).Seen);

        var changed = new GossipState(g.WithMember(Member('c', MemberStatus.Leaving, 3)), Seen('c'));
        Assert.Equal(Seen('a', 'c'), mine.Receive(changed, Node('a')).Seen);

        var concurrent = new GossipState(g.WithMember(Member('d', MemberStatus.Joining)), Seen('b', 'd'));
        var conflicting = new GossipState(g.WithMember(Member('c', MemberStatus.Leaving, 3)), Seen('a', 'c'));
        Assert.Equal(Seen('a'), conflicting.Receive(concurrent, Node('a')).Seen);
    }
}
