using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class ClusterMembershipSpec(Xunit.Abstractions.ITestOutputHelper output) : ClusterSpecBase(output)
{
    [Fact]
    public void Three_members_join_and_each_sees_all_of_them_up_with_one_leader()
    {
        var systems = StartCluster(3);
        var states = systems.Select(s => ClusterExtension.Get(s).State).ToArray();
        var lowest = systems.Select(s => ClusterExtension.Get(s).SelfAddress).Min(AddressOrdering.Instance);
        AwaitAssert(() => Assert.All(systems, s => Assert.Equal(lowest, ClusterExtension.Get(s).State.Leader)));
        Assert.Equal(new[] { 1, 2, 3 }, ClusterExtension.Get(systems[0]).State.Members.Select(m => m.UpNumber).Order());
        Assert.All(states, s => Assert.Empty(s.Unreachable));
    }

    [Fact]
    public void A_subscriber_gets_the_current_state_as_events_and_then_changes()
    {
        var systems = StartCluster(2);
        var probe = CreateTestProbe();
        var cluster = ClusterExtension.Get(Sys);
        cluster.Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(IMemberEvent));
        var ups = new[] { probe.ExpectMsg<MemberUp>(), probe.ExpectMsg<MemberUp>() };
        Assert.Equal(systems.Select(s => ClusterExtension.Get(s).SelfAddress).Order(AddressOrdering.Instance), ups.Select(u => u.Member.Address));
        var third = CreateMember();
        ClusterExtension.Get(third).Join(cluster.SelfAddress);
        Assert.Equal(ClusterExtension.Get(third).SelfAddress, probe.ExpectMsg<MemberJoined>(TimeSpan.FromSeconds(10)).Member.Address);
        Assert.Equal(ClusterExtension.Get(third).SelfAddress, probe.ExpectMsg<MemberUp>(TimeSpan.FromSeconds(10)).Member.Address);
    }
}
