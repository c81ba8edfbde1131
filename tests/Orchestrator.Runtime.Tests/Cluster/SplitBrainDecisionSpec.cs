using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Tests.Cluster.TestMembers;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class SplitBrainDecisionSpec
{
    /// <summary>
    /// Each case: the Up members (letters, address order), which of them this side cannot reach, and the decision.
    /// </summary>
    [Theory]
    [InlineData("abc", "", "None")]
    [InlineData("abc", "c", "DownUnreachable")]
    [InlineData("abc", "bc", "DownReachable")]
    [InlineData("abcde", "de", "DownUnreachable")]
    [InlineData("abcde", "cde", "DownReachable")]
    [InlineData("ab", "b", "DownUnreachable")]   // tie: this side holds the lowest address
    [InlineData("ab", "a", "DownReachable")]     // tie: the other side holds it
    [InlineData("abcd", "cd", "DownUnreachable")]
    [InlineData("abcd", "ab", "DownReachable")]
    [InlineData("abcd", "ad", "DownReachable")]
    [InlineData("abcd", "bc", "DownUnreachable")]
    public void Keep_majority_keeps_the_bigger_side_and_on_a_tie_the_side_with_the_lowest_address(string members, string unreachable, string expected)
    {
        var observer = members.First(c => !unreachable.Contains(c));
        var g = Gossip(members.Select((c, i) => Up(c, i + 1)).ToArray()).Unreachable(observer, unreachable.ToCharArray());
        Assert.Equal(Enum.Parse<SplitBrainAction>(expected), SplitBrainDecision.KeepMajority(g));
    }

    [Fact]
    public void Joining_members_do_not_tip_the_balance()
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Up('c', 3), Member('d', MemberStatus.Joining), Member('e', MemberStatus.Joining)).Unreachable('d', 'a', 'b', 'c');
        // From d's side: d and e (joining) against a, b, c: the Up members decide.
        Assert.Equal(SplitBrainAction.DownReachable, SplitBrainDecision.KeepMajority(g));
        Assert.Equal(["d", "e"], SplitBrainDecision.ToDown(g, SplitBrainAction.DownReachable).Select(m => ((char)('a' + m.Address.Port!.Value - 1)).ToString()));
    }

    [Fact]
    public void Down_members_and_unreachable_exiting_members_are_not_a_side()
    {
        var g = Gossip(Up('a', 1), Member('b', MemberStatus.Exiting, 2)).Unreachable('a', 'b');
        Assert.Equal(SplitBrainAction.None, SplitBrainDecision.KeepMajority(g));
        var downed = Gossip(Up('a', 1), Member('b', MemberStatus.Down, 2), Up('c', 3)).Unreachable('a', 'b');
        Assert.Equal(SplitBrainAction.None, SplitBrainDecision.KeepMajority(downed));
    }

    [Fact]
    public void When_no_member_is_up_all_count()
    {
        var g = Gossip(Member('a', MemberStatus.Joining), Member('b', MemberStatus.Joining), Member('c', MemberStatus.Joining)).Unreachable('a', 'c');
        Assert.Equal(SplitBrainAction.DownUnreachable, SplitBrainDecision.KeepMajority(g));
    }

    [Theory]
    [InlineData(true, "DownUnreachable")]
    [InlineData(false, "DownReachable")]
    public void Lease_majority_keeps_the_side_that_holds_the_lease(bool acquired, string expected)
    {
        var g = Gossip(Up('a', 1), Up('b', 2), Up('c', 3)).Unreachable('c', 'a', 'b');
        Assert.Equal(Enum.Parse<SplitBrainAction>(expected), SplitBrainDecision.LeaseMajority(g, acquired));
        Assert.Equal(SplitBrainAction.None, SplitBrainDecision.LeaseMajority(Gossip(Up('a', 1)), acquired));
    }
}
