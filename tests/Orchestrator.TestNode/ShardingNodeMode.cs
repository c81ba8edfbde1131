using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Sharding;

namespace Orchestrator.TestNode;

/// <summary>
/// A cluster member hosting the sharded type "counter": persistent entities that append values to their log
/// (in the journal the config file names, shared by every member) and answer with the value, its sequence
/// number and the member that wrote it. It joins through the seed given on the command line, prints
/// "up &lt;address&gt;" once it is Up, and runs until killed or removed. The tests declare the same messages
/// under the same manifests.
/// </summary>
internal static class ShardingNodeMode
{
    public sealed record Append(int Value);

    public sealed record Appended(string EntityId, int Value, long SequenceNr, string Member);

    public sealed record ValueAppended(int Value);

    public sealed record GetValues;

    public sealed record Values(string EntityId, List<int> Items);

    public sealed record Stop;

    public static void Register(ActorSystem system) => system.Serialization
        .Register<Append>("sharding-node.append/v1")
        .Register<Appended>("sharding-node.appended/v1")
        .Register<ValueAppended>("sharding-node.value-appended/v1")
        .Register<GetValues>("sharding-node.get-values/v1")
        .Register<Values>("sharding-node.values/v1")
        .Register<Stop>("sharding-node.stop/v1");

    /// <summary>Starts the "counter" region (a proxy on members without the sharding role).</summary>
    public static IActorRef StartCounters(ActorSystem system)
    {
        Register(system);
        var sharding = ClusterSharding.Get(system);
        return sharding.Start("counter", id => Props.Create(() => new Counter(id)), sharding.Settings,
            new HashCodeMessageExtractor(sharding.Settings.NumberOfShards), handOffStopMessage: new Stop());
    }

    public static async Task<int> Run(string configFile, string seed)
    {
        var system = ActorSystem.Create("sharding", Config.ParseFile(configFile));
        var cluster = Runtime.Cluster.Cluster.Get(system);
        StartCounters(system);
        cluster.RegisterOnMemberUp(() =>
        {
            Console.Out.WriteLine($"up {cluster.SelfAddress}");
            Console.Out.Flush();
        });
        if (!Address.TryParse(seed, out var seedAddress))
        {
            Console.Error.WriteLine($"sharding-node: '{seed}' is not an address like orch.tcp://system@127.0.0.1:2552");
            return 2;
        }
        cluster.JoinSeedNodes([seedAddress!]);
        await system.WhenTerminated;
        return 0;
    }

    /// <summary>Stops on <see cref="Stop"/> as a command, so a write in flight completes before a hand-off.</summary>
    private sealed class Counter : ReceivePersistentActor
    {
        private readonly List<int> _values = [];

        public Counter(string id)
        {
            PersistenceId = "counter/" + id;
            var member = Context.System.Address.ToString();
            Recover<ValueAppended>(e => _values.Add(e.Value));
            Command<Append>(a => Persist(new ValueAppended(a.Value), e =>
            {
                _values.Add(e.Value);
                Sender.Tell(new Appended(id, e.Value, LastSequenceNr, member), Self);
            }));
            Command<GetValues>(_ => Sender.Tell(new Values(id, [.. _values]), Self));
            Command<Stop>(_ => Context.Stop(Self));
        }

        public override string PersistenceId { get; }
    }
}
