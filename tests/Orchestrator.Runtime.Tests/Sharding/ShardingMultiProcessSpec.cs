using Orchestrator.Runtime.Sharding;
using Orchestrator.Runtime.Tests.Cluster;
using Orchestrator.Runtime.Tests.Persistence;
using Orchestrator.TestKit;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>
/// Three OS processes of the test node program (mode sharding-node) host the sharded type "counter" and share
/// one SQLite journal; this TestKit's system joins as a member without the role and talks through a proxy.
/// Members are killed with SIGKILL: their entities must answer again elsewhere with every acknowledged event.
/// </summary>
public sealed class ShardingMultiProcessSpec(Xunit.Abstractions.ITestOutputHelper output) : ClusterSpecBase(output)
{
    // The node program's messages, under the same manifests.
    public sealed record Append(int Value);
    public sealed record Appended(string EntityId, int Value, long SequenceNr, string Member);
    public sealed record GetValues;
    public sealed record Values(string EntityId, List<int> Items);

    private static readonly string[] Ids = Enumerable.Range(0, 30).Select(i => "c" + i).ToArray();
    private readonly Dictionary<string, List<Appended>> _acked = Ids.ToDictionary(id => id, _ => new List<Appended>());
    private int _next;

    private static void Register(ActorSystem system) => system.Serialization
        .Register<Append>("sharding-node.append/v1")
        .Register<Appended>("sharding-node.appended/v1")
        .Register<GetValues>("sharding-node.get-values/v1")
        .Register<Values>("sharding-node.values/v1");

    private async Task<(List<(NodeProcess Process, string Address)> Nodes, IActorRef Proxy)> StartNodes(int count)
    {
        Register(Sys);
        var self = ClusterExtension.Get(Sys);
        self.Join(self.SelfAddress);
        AwaitAllUp([Sys], 1);
        var configFile = Path.Combine(Path.GetTempPath(), "orch-tests", Guid.NewGuid().ToString("N") + ".conf");
        Directory.CreateDirectory(Path.GetDirectoryName(configFile)!);
        await File.WriteAllTextAsync(configFile, MemberConfig($$"""
            {{PersistenceBackends.Sqlite()}}
            orchestrator.stdout-logging = off
            orchestrator.cluster.roles = [control-plane]
            orchestrator.cluster.sharding { role = "control-plane", retry-interval = 200ms, rebalance-interval = 1s }
            """));
        var nodes = new List<(NodeProcess Process, string Address)>();
        for (var i = 0; i < count; i++)
        {
            var node = NodeProcess.Start(TestKitSettings, "sharding-node", configFile, self.SelfAddress.ToString());
            try
            {
                var up = node.ExpectLine(l => l.StartsWith("up ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "up <address>");
                nodes.Add((node, up["up ".Length..]));
            }
            catch
            {
                await node.DisposeAsync();
                foreach (var started in nodes) await started.Process.DisposeAsync();
                throw;
            }
        }
        AwaitAllUp([Sys], count + 1);
        var sharding = ClusterSharding.Get(Sys);
        var proxy = sharding.Start("counter", _ => throw new InvalidOperationException("this member hosts no counter"),
            sharding.Settings with { Role = "control-plane" }, new HashCodeMessageExtractor(sharding.Settings.NumberOfShards));
        return (nodes, proxy);
    }

    /// <summary>Appends the next value to every entity, retrying an entity until it acknowledges.</summary>
    private void AppendRound(IActorRef proxy)
    {
        var value = _next++;
        foreach (var id in Ids)
            AwaitAssert(() =>
            {
                var ack = proxy.Ask<Appended>(new ShardEnvelope(id, new Append(value)), Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();
                _acked[id].Add(ack);
            }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
    }

    private async Task AssertNoAcknowledgedEventLost(IActorRef proxy)
    {
        foreach (var id in Ids)
        {
            var values = await proxy.Ask<Values>(new ShardEnvelope(id, new GetValues()), Dilated(TimeSpan.FromSeconds(10)));
            Assert.All(_acked[id], a => Assert.Equal(a.Value, values.Items[(int)a.SequenceNr - 1]));
            Assert.Equal(_acked[id][^1].SequenceNr, values.Items.Count);
        }
    }

    private string BusiestMember(Func<string, bool> eligible) =>
        Ids.Select(id => _acked[id][^1].Member).Where(eligible).GroupBy(m => m).OrderByDescending(g => g.Count()).First().Key;

    private string OldestControlPlaneMember() =>
        ClusterExtension.Get(Sys).State.Members.Where(m => m.HasRole("control-plane")).Min(Runtime.Cluster.Member.AgeOrdering)!.Address.ToString();

    /// <summary>Writes, kills the node <paramref name="chooseVictim"/> picks with SIGKILL, writes again, and checks the journal.</summary>
    private async Task KillAndCheck(Func<string> chooseVictim)
    {
        var (nodes, proxy) = await StartNodes(3);
        try
        {
            for (var i = 0; i < 3; i++) AppendRound(proxy);
            var victim = chooseVictim();
            await nodes.Single(n => n.Address == victim).Process.Kill();
            for (var i = 0; i < 2; i++) AppendRound(proxy);
            Assert.All(Ids, id => Assert.NotEqual(victim, _acked[id][^1].Member));
            await AssertNoAcknowledgedEventLost(proxy);
        }
        finally
        {
            foreach (var node in nodes) await node.Process.DisposeAsync();
        }
    }

    [Fact]
    public Task After_kill_9_of_a_member_its_entities_answer_elsewhere_with_every_acknowledged_event() =>
        // The coordinator runs on the oldest node; kill the busiest other one here (the next test kills that one).
        KillAndCheck(() =>
        {
            var oldest = OldestControlPlaneMember();
            return BusiestMember(m => m != oldest);
        });

    [Fact]
    public Task After_kill_9_of_the_coordinator_s_member_the_coordinator_moves_and_nothing_acknowledged_is_lost() =>
        KillAndCheck(OldestControlPlaneMember);
}
