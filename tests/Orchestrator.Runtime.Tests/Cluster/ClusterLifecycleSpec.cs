using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class ClusterLifecycleSpec : ClusterSpecBase
{
    [Fact]
    public async Task A_member_that_leaves_is_removed_everywhere_and_its_system_terminates()
    {
        var systems = StartCluster(3);
        var leaver = systems[2];
        var leaverCluster = ClusterExtension.Get(leaver);
        var probe = CreateTestProbe();
        ClusterExtension.Get(Sys).Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(MemberRemoved));
        probe.ExpectMsg<CurrentClusterState>();
        var removedCallback = new TaskCompletionSource();
        leaverCluster.RegisterOnMemberRemoved(() => removedCallback.TrySetResult());

        leaverCluster.Leave(leaverCluster.SelfAddress);

        var removed = probe.ExpectMsg<MemberRemoved>(TimeSpan.FromSeconds(15));
        Assert.Equal(leaverCluster.SelfAddress, removed.Member.Address);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        AwaitRemoved(systems.Take(2), leaverCluster.SelfAddress);
        await leaver.WhenTerminated.WaitAsync(Dilated(TimeSpan.FromSeconds(20)));
        Assert.True(removedCallback.Task.IsCompleted);
        Assert.True(leaverCluster.IsTerminated);
        AwaitAllUp(systems.Take(2), 2);
    }

    [Fact]
    public async Task A_downed_member_shuts_itself_down_and_is_removed_with_previous_status_down()
    {
        var systems = StartCluster(3);
        var victim = ClusterExtension.Get(systems[1]);
        var probe = CreateTestProbe();
        ClusterExtension.Get(Sys).Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberDowned), typeof(MemberRemoved));

        ClusterExtension.Get(Sys).Down(victim.SelfAddress);

        Assert.Equal(victim.SelfAddress, probe.ExpectMsg<MemberDowned>(TimeSpan.FromSeconds(10)).Member.Address);
        var removed = probe.ExpectMsg<MemberRemoved>(TimeSpan.FromSeconds(15));
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        await systems[1].WhenTerminated.WaitAsync(Dilated(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Watching_an_actor_on_a_member_that_is_removed_gives_terminated_with_address_terminated()
    {
        var systems = StartCluster(2);
        // The target neither resolves the partition nor shuts down, so only its removal can end the watch.
        var target = CreateMember("orchestrator.cluster { run-coordinated-shutdown-when-down = off, split-brain-resolver.active-strategy = off }");
        ClusterExtension.Get(target).Join(ClusterExtension.Get(Sys).SelfAddress);
        AwaitAllUp([.. systems, target], 3);
        var echo = target.ActorOf(Props.Create(() => new Remoting.EchoActor()), "echo");
        var probe = CreateTestProbe();
        var remote = Sys.ResolveActorRef(echo.Path.ToSerializationFormat());
        probe.Watch(remote);
        // Cut the member off: the split-brain resolver downs it, the leader removes it, and the watch fires.
        Partition([Sys, systems[1]], [target]);
        var terminated = probe.ExpectTerminated(remote, TimeSpan.FromSeconds(30));
        Assert.True(terminated.AddressTerminated);
    }

    [Fact]
    public async Task In_a_partition_the_minority_downs_itself_and_the_majority_removes_it()
    {
        var systems = StartCluster(3);
        var minority = systems[2];
        var minorityAddress = ClusterExtension.Get(minority).SelfAddress;
        var probe = CreateTestProbe();
        ClusterExtension.Get(Sys).Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(UnreachableMember), typeof(MemberRemoved));
        probe.ExpectMsg<CurrentClusterState>();

        Partition([Sys, systems[1]], [minority]);

        Assert.Equal(minorityAddress, probe.ExpectMsg<UnreachableMember>(TimeSpan.FromSeconds(15)).Member.Address);
        Assert.Equal(minorityAddress, probe.ExpectMsg<MemberRemoved>(TimeSpan.FromSeconds(20)).Member.Address);
        await minority.WhenTerminated.WaitAsync(Dilated(TimeSpan.FromSeconds(20)));
        AwaitAllUp(systems.Take(2), 2);
    }

    [Fact]
    public async Task Callbacks_run_when_this_member_is_up_and_when_it_is_removed()
    {
        var up = new TaskCompletionSource();
        var cluster = ClusterExtension.Get(Sys);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        Assert.False(up.Task.IsCompleted);
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        var late = false;
        cluster.RegisterOnMemberUp(() => late = true);
        Assert.True(late, "a callback registered after Up runs at once");
        Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
        Assert.Contains(cluster.SelfMember, cluster.State.Members);
    }

    [Fact]
    public async Task With_lease_majority_exactly_one_side_of_a_partition_survives()
    {
        var journal = Path.Combine(Path.GetTempPath(), "orch-lease-" + Guid.NewGuid().ToString("N"), "journal.db");
        var extra = $$"""
            orchestrator.cluster.split-brain-resolver.active-strategy = lease-majority
            orchestrator.persistence.sqlite.path = "{{journal.Replace("\\", "/")}}"
            """;
        try
        {
            var members = Enumerable.Range(0, 3).Select(_ => CreateMember(extra)).ToArray();
            foreach (var m in members) ClusterExtension.Get(m).Join(ClusterExtension.Get(members[0]).SelfAddress);
            AwaitAllUp(members, 3);
            var (majority, minority) = (members.Take(2).ToArray(), members[2]);

            Partition(majority, [minority]);

            var survivors = await Task.WhenAny(
                minority.WhenTerminated.ContinueWith(_ => majority),
                Task.WhenAll(majority.Select(m => m.WhenTerminated)).ContinueWith(_ => new[] { minority })).Unwrap().WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
            var losers = members.Except(survivors).ToArray();
            AwaitAllUp(survivors, survivors.Length);
            Assert.All(losers, l => Assert.True(ClusterExtension.Get(l).IsTerminated || l.WhenTerminated.IsCompleted));
            Assert.All(survivors, s => Assert.False(s.WhenTerminated.IsCompleted, "a survivor terminated"));
        }
        finally
        {
            var directory = Path.GetDirectoryName(journal)!;
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
