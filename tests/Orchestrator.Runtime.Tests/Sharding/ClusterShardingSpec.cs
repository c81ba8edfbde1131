using Orchestrator.Runtime.Remoting;
using Orchestrator.Runtime.Sharding;
using Orchestrator.Runtime.Tests.Cluster;
using Orchestrator.Runtime.Tests.Persistence;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>
/// Sharding across cluster members in one process (each its own system with real sockets) sharing one SQLite
/// journal: the coordinator runs as a singleton on the oldest member, regions follow membership.
/// </summary>
public sealed class ClusterShardingSpec(Xunit.Abstractions.ITestOutputHelper output) : ClusterSpecBase(output)
{
    private static readonly string[] Ids = Enumerable.Range(0, 30).Select(i => "e" + i).ToArray();
    private readonly string _journal = PersistenceBackends.Sqlite();
    private readonly Incarnations _incarnations = new();

    private string MemberExtra(string roles = "") => $$"""
        {{_journal}}
        orchestrator.cluster.roles = [{{roles}}]
        orchestrator.cluster.sharding {
          retry-interval = 200ms
          rebalance-interval = 500ms
          role = "control-plane"
        }
        """;

    private static void RegisterMessages(ActorSystem system)
    {
        system.Serialization.Register<Ping>("test-sharding-ping/v1");
        system.Serialization.Register<Echoed>("test-sharding-echoed/v1");
        ClusterSharding.Get(system);
    }

    /// <summary>Members with the role, joined in order (the first is the oldest), each with an echo region.</summary>
    private List<(ActorSystem System, IActorRef Region)> StartMembers(int count)
    {
        RegisterMessages(Sys);
        var systems = Enumerable.Range(0, count).Select(_ => CreateMember(MemberExtra("control-plane"))).ToList();
        var first = ClusterExtension.Get(systems[0]).SelfAddress;
        for (var i = 0; i < systems.Count; i++)
        {
            ClusterExtension.Get(systems[i]).Join(first);
            AwaitAllUp(systems.Take(i + 1), i + 1);
        }
        return systems.Select(s => (s, StartEcho(s))).ToList();
    }

    private IActorRef StartEcho(ActorSystem system)
    {
        RegisterMessages(system);
        var incarnations = _incarnations;
        return ClusterSharding.Get(system).Start("echo", id => Props.Create(() => new Echo(id, incarnations, null)),
            ClusterShardingSettings.From(system.Config), Extractor(), handOffStopMessage: new Stop());
    }

    private Echoed Ping(IActorRef region, string id, TimeSpan? timeout = null)
    {
        var probe = CreateTestProbe();
        region.Tell(new ShardEnvelope(id, new Ping("p")), probe.Ref);
        return probe.ExpectMsg<Echoed>(timeout ?? TimeSpan.FromSeconds(15));
    }

    private async Task<Dictionary<string, int>> EntitiesPerMember(IActorRef region)
    {
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(Dilated(TimeSpan.FromSeconds(5))), Dilated(TimeSpan.FromSeconds(15)));
        return stats.Regions.ToDictionary(r => r.Key, r => r.Value.Stats.Values.Sum());
    }

    [Fact]
    public async Task Entities_spread_over_the_members_and_answer_through_any_region()
    {
        var members = StartMembers(3);
        foreach (var id in Ids) Ping(members[0].Region, id);
        foreach (var id in Ids) Assert.Equal(1, Ping(members[2].Region, id).Incarnation);
        await AwaitAssertAsync(async () =>
        {
            var perMember = await EntitiesPerMember(members[1].Region);
            Assert.Equal(3, perMember.Count);
            Assert.All(perMember.Values, n => Assert.True(n > 0));
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_member_without_the_role_routes_through_a_proxy_and_hosts_nothing()
    {
        var members = StartMembers(2);
        var worker = CreateMember(MemberExtra("worker"));
        ClusterExtension.Get(worker).Join(ClusterExtension.Get(members[0].System).SelfAddress);
        AwaitAllUp([members[0].System, worker], 3);
        var proxy = StartEcho(worker);
        foreach (var id in Ids.Take(10)) Assert.Equal(id, Ping(proxy, id).EntityId);
        var state = await proxy.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Dilated(TimeSpan.FromSeconds(10)));
        Assert.Empty(state.Shards);
    }

    [Fact]
    public void When_a_member_is_cut_off_and_downed_its_entities_answer_again_on_the_others()
    {
        var members = StartMembers(3);
        foreach (var id in Ids) Ping(members[0].Region, id);
        var victim = members[2];
        var victimAddress = ClusterExtension.Get(victim.System).SelfAddress;
        var onVictim = Ids.Where(id => victim.Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance).GetAwaiter().GetResult()
            .Shards.Any(s => s.EntityIds.Contains(id))).ToList();
        Assert.NotEmpty(onVictim);

        foreach (var (system, _) in members.Take(2))
        {
            FailureInjector.For(system).Blackhole(victimAddress);
            FailureInjector.For(victim.System).Blackhole(ClusterExtension.Get(system).SelfAddress);
        }
        AwaitAllUp(members.Take(2).Select(m => m.System), 2);
        foreach (var id in onVictim)
            AwaitAssert(() => Assert.Equal(2, Ping(members[1].Region, id, TimeSpan.FromSeconds(3)).Incarnation), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void When_the_oldest_member_leaves_the_coordinator_moves_and_every_entity_answers_again()
    {
        var members = StartMembers(3);
        foreach (var id in Ids) Ping(members[1].Region, id);
        var oldest = ClusterExtension.Get(members[0].System);
        oldest.Leave(oldest.SelfAddress);
        AwaitAllUp(members.Skip(1).Select(m => m.System), 2);
        foreach (var id in Ids)
            AwaitAssert(() => Assert.Equal(id, Ping(members[2].Region, id, TimeSpan.FromSeconds(3)).EntityId), TimeSpan.FromSeconds(30));
    }
}
