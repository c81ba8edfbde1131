using Orchestrator.Runtime.Sharding;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>
/// A TestKit for sharding in one actor system: one coordinator and any number of regions of one entity type,
/// each a separate region actor (as they would be on separate members), registering with that coordinator.
/// </summary>
public abstract class ShardingSpecBase : TestKit.TestKit
{
    protected const string TypeName = "echo";
    /// <summary>A system with the memory journal, or the backend <paramref name="backendConfig"/> names (see PersistenceBackends).</summary>
    protected ShardingSpecBase(string? backendConfig = null)
        : base((backendConfig ?? Persistence.PersistenceBackends.Memory()) + "\norchestrator.log-dead-letters = 0")
    {
        ClusterSharding.Get(Sys);
        Register(Sys);
        Settings = ClusterShardingSettings.From(Sys.Config) with { RetryInterval = TimeSpan.FromMilliseconds(200), RebalanceInterval = TimeSpan.FromMilliseconds(300) };
    }

    protected ClusterShardingSettings Settings { get; set; }

    protected Incarnations EntityIncarnations { get; } = new();

    protected IActorRef? Coordinator { get; private set; }

    /// <summary>Starts the coordinator of <see cref="TypeName"/> (again, after a stop: it recovers from the journal).</summary>
    protected IActorRef StartCoordinator()
    {
        Coordinator = Sys.SystemActorOf(
            Props.Create(() => new ShardCoordinator(TypeName, Settings, ClusterSharding.DefaultStrategy(Settings))), "coordinator");
        return Coordinator;
    }

    /// <summary>A region hosting <see cref="Echo"/> entities that report their lifecycle to <paramref name="lifecycle"/>.</summary>
    protected IActorRef StartRegion(string name, Action<object>? lifecycle = null, int shards = 10)
    {
        var incarnations = EntityIncarnations;
        return StartRegion(name, id => Props.Create(() => new Echo(id, incarnations, lifecycle)), shards);
    }

    protected IActorRef StartRegion(string name, Func<string, Props> entityProps, int shards = 10) =>
        Sys.SystemActorOf(Props.Create(() => new ShardRegion(TypeName, entityProps, Settings, Extractor(shards), new Stop(),
            new PathCoordinatorLocator("/system/coordinator"))), name);

    protected IActorRef StartProxy(string name, int shards = 10) =>
        Sys.SystemActorOf(Props.Create(() => new ShardRegion(TypeName, null, Settings, Extractor(shards), new Stop(),
            new PathCoordinatorLocator("/system/coordinator"))), name);

    protected void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor, TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends a ping through <paramref name="region"/> until the entity answers (homes may still be moving).</summary>
    protected Echoed PingThrough(IActorRef region, string entityId, string payload = "ping")
    {
        var probe = CreateTestProbe();
        region.Tell(new ShardEnvelope(entityId, new Ping(payload)), probe.Ref);
        return probe.ExpectMsg<Echoed>(TimeSpan.FromSeconds(10));
    }

    protected async Task<CurrentShardRegionState> StateOf(IActorRef region) =>
        await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Dilated(TimeSpan.FromSeconds(10)));
}
