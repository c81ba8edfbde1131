using Orchestrator.Actors.Admin;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Host.Tests.Admin;

/// <summary>What the admin console answers to <see cref="GetClusterMembers"/>, and how a membership becomes that answer.</summary>
public sealed class ClusterMembersSpec : TestKit.TestKit
{
    public ClusterMembersSpec()
        : base("""
            orchestrator.persistence.journal.plugin = memory
            orchestrator.persistence.snapshot-store.plugin = memory
            orchestrator.loglevel = Warning
            """)
    {
    }

    private static Member At(int port, MemberStatus status, int upNumber) =>
        new(new UniqueAddress(new Address("orch.tcp", "orch", "127.0.0.1", port), port), status, new HashSet<string> { "control-plane" }, upNumber);

    [Fact]
    public void Members_are_listed_by_address_with_the_oldest_Up_member_the_leader_and_the_unreachable_marked_and_removed_ones_left_out()
    {
        var young = At(2551, MemberStatus.Up, 3);
        var old = At(2552, MemberStatus.Up, 1);
        var leaving = At(2553, MemberStatus.Leaving, 2);
        var joining = At(2554, MemberStatus.Joining, 0);
        var removed = At(2555, MemberStatus.Removed, 4);
        var state = new CurrentClusterState([joining, removed, old, leaving, young], new HashSet<Member> { leaving }, young.Address, new Dictionary<string, Address?>());

        var report = ClusterMembers.Describe(state, old.Address);

        Assert.Equal("orch.tcp://orch@127.0.0.1:2552", report.AnsweredBy);
        Assert.Equal(
            [
                ("orch.tcp://orch@127.0.0.1:2551", "Up", true, 3, true, false),
                ("orch.tcp://orch@127.0.0.1:2552", "Up", true, 1, false, true),
                ("orch.tcp://orch@127.0.0.1:2553", "Leaving", false, 2, false, false),
                ("orch.tcp://orch@127.0.0.1:2554", "Joining", true, 0, false, false),
            ],
            report.Members.Select(m => (m.Address, m.Status, m.Reachable, m.UpNumber, m.Leader, m.Oldest)));
        Assert.All(report.Members, m => Assert.Equal(["control-plane"], m.Roles));
    }

    [Fact]
    public async Task A_console_in_a_process_without_remoting_answers_that_it_is_not_a_cluster_member()
    {
        var store = Sys.ActorOf(ObjectStore.Props(StoreSettings.From(Sys.Config)), "store");
        var console = Sys.ActorOf(AdminConsole.Props(store, null, AdminSettings.From(Sys.Config)), "admin");

        var reply = await console.Ask<AdminFailed>(new GetClusterMembers(), Dilated(TimeSpan.FromSeconds(10)));

        Assert.Equal(503, reply.Error.Code);
        Assert.StartsWith("this process is not a cluster member", reply.Error.Message);
    }
}
