using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Actors.Store.Sharding;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Hocon;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;
using Orchestrator.Runtime.Sharding;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Actors.Tests.Store.Sharding;

/// <summary>
/// The object store across three cluster members in one process (each its own actor system with real
/// sockets on 127.0.0.1), sharing one SQLite journal: entities spread over the members, every front serves
/// every object, and objects survive their member leaving.
/// </summary>
public sealed class StoreClusterSpec : TestKit.TestKit
{
    private static int _counter;
    private readonly List<ActorSystem> _others = [];
    private readonly string _journal;

    public StoreClusterSpec() : this(StoreBackends.Sqlite())
    {
    }

    private StoreClusterSpec(string journal) : base(MemberConfig(journal)) => _journal = journal;

    private static string MemberConfig(string journal) => $$"""
        {{journal}}
        orchestrator {
          log-dead-letters = 0
          remote {
            enabled = on
            hostname = "127.0.0.1"
            port = 0
            cluster-secret = "store-cluster-spec"
            heartbeat-interval = 200ms
          }
          cluster {
            roles = ["control-plane"]
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            unreachable-nodes-reaper-interval = 200ms
            failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s }
          }
          cluster.sharding { role = "control-plane", retry-interval = 200ms, rebalance-interval = 500ms, number-of-shards = 30 }
        }
        """;

    private TimeSpan Timeout => Dilated(TimeSpan.FromSeconds(15));

    private List<(ActorSystem System, IActorRef Front)> StartMembers(int count)
    {
        var systems = new List<ActorSystem> { Sys };
        for (var i = 1; i < count; i++)
        {
            var system = ActorSystem.Create($"store-member-{Interlocked.Increment(ref _counter)}", Config.Parse(MemberConfig(_journal), "store member"));
            _others.Add(system);
            systems.Add(system);
        }

        var seed = ClusterExtension.Get(Sys).SelfAddress;
        foreach (var system in systems) ClusterExtension.Get(system).Join(seed);
        AwaitAssert(() =>
        {
            foreach (var system in systems)
                Assert.Equal(count, ClusterExtension.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up));
        }, Dilated(TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(100));

        return systems.ConvertAll(system =>
        {
            var settings = StoreSettings.From(system.Config);
            var region = StoreSharding.StartRegion(system, settings);
            return (system, system.ActorOf(ObjectStore.Props(settings, entityRegion: region), "store"));
        });
    }

    private Task<ObjectReply> Ask(IActorRef front, object command) => front.Ask<ObjectReply>(command, Timeout);

    private static ConfigMap Map(string name, string value) =>
        new() { Metadata = { Name = name, Namespace = "default" }, Data = new() { ["value"] = value } };

    private static ObjectKey MapKey(string name) => new("", "ConfigMap", "default", name);

    [Fact]
    public async Task Objects_spread_over_the_members_and_every_front_serves_every_object()
    {
        var members = StartMembers(3);
        var names = Enumerable.Range(0, 30).Select(i => $"cm-{i:00}").ToList();

        var created = new Dictionary<string, IKubernetesObject>();
        foreach (var name in names)
        {
            var reply = await Ask(members[0].Front, new CreateObject(Map(name, "a")));
            Assert.True(reply.IsSuccess, reply.Error?.ToString());
            created[name] = reply.Object!;
        }

        foreach (var name in names)
        {
            var got = (await Ask(members[2].Front, new GetObject(MapKey(name)))).Object!;
            Assert.Equal((created[name].Metadata.Uid, created[name].Metadata.ResourceVersion), (got.Metadata.Uid, got.Metadata.ResourceVersion));
        }

        var list = await members[1].Front.Ask<ObjectList>(new ListObjects("", "ConfigMap", "default"), Timeout);
        Assert.Equal(names, list.Items.Select(i => i.Metadata.Name));

        var stats = await ClusterSharding.Get(members[0].System).ShardRegion(StoreSharding.TypeName).Ask<ClusterShardingStats>(
            new GetClusterShardingStats(Dilated(TimeSpan.FromSeconds(5))), Timeout);
        var hosting = stats.Regions.Values.Count(r => r.Stats.Values.Sum() > 0);
        Assert.True(hosting >= 2, $"entities on {hosting} member(s): {string.Join(", ", stats.Regions.Select(r => $"{r.Key}={r.Value.Stats.Values.Sum()}"))}");
    }

    [Fact]
    public async Task Objects_stay_readable_and_writable_after_their_member_leaves()
    {
        var members = StartMembers(3);
        var names = Enumerable.Range(0, 20).Select(i => $"keep-{i:00}").ToList();
        foreach (var name in names) Assert.True((await Ask(members[1].Front, new CreateObject(Map(name, "1")))).IsSuccess);

        var leaving = ClusterExtension.Get(members[2].System);
        var removed = CreateTestProbe();
        ClusterExtension.Get(Sys).Subscribe(removed.Ref, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        leaving.Leave(leaving.SelfAddress);
        removed.FishForMessage<object>(m => m is ClusterEvent.MemberRemoved r && r.Member.UniqueAddress.Address == leaving.SelfAddress, Dilated(TimeSpan.FromSeconds(30)));

        foreach (var name in names)
        {
            await AwaitAssertAsync(async () =>
            {
                var got = await Ask(members[0].Front, new GetObject(MapKey(name)));
                Assert.True(got.IsSuccess, got.Error?.ToString());
                var changed = (ConfigMap)ObjectCodec.Copy(got.Object!);
                changed.Data!["value"] = "2";
                var updated = await Ask(members[0].Front, new UpdateObject(changed));
                Assert.True(updated.IsSuccess, updated.Error?.ToString());
                Assert.Equal("2", ((ConfigMap)updated.Object!).Data!["value"]);
            }, Timeout, TimeSpan.FromMilliseconds(200));
        }
    }

    public override async Task DisposeAsync()
    {
        await Task.WhenAll(_others.Select(s => s.Terminate())).WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
        await base.DisposeAsync();
    }
}
