using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Sharding;

namespace Orchestrator.Actors.Store.Sharding;

/// <summary>
/// The object store across a cluster: every API object's <see cref="ResourceEntity"/> lives in one shard
/// region (type <see cref="TypeName"/>, entity id = <see cref="ObjectKey.EntityName"/>), so objects spread
/// over the control-plane members, move when a member leaves or dies, and recover from the shared journal.
/// Each member runs an <see cref="Front.ObjectStore"/> front over the region (or a proxy of it on members
/// without the role); fronts keep their own read models, fed by the same journal.
/// </summary>
public static class StoreSharding
{
    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "api-object";

    /// <summary>Starts (or returns) this member's region hosting API object entities.</summary>
    public static IActorRef StartRegion(ActorSystem system, StoreSettings settings, KindCatalog? catalog = null)
    {
        StoreManifests.Register(system);
        var kinds = catalog ?? KindCatalog.Default;
        var sharding = ClusterSharding.Get(system);
        var shardingSettings = ClusterShardingSettings.From(system.Config);
        return sharding.Start(TypeName, entityId => EntityProps(entityId, kinds, settings), shardingSettings,
            new HashCodeMessageExtractor(shardingSettings.NumberOfShards), handOffStopMessage: StopEntity.Instance);
    }

    /// <summary>Starts (or returns) a proxy of the region, for members that host no object (no role <paramref name="role"/>).</summary>
    public static IActorRef StartProxy(ActorSystem system, string? role)
    {
        StoreManifests.Register(system);
        var sharding = ClusterSharding.Get(system);
        return sharding.StartProxy(TypeName, role, new HashCodeMessageExtractor(sharding.Settings.NumberOfShards));
    }

    /// <summary>What the region sends an object's entity: the command wrapped with the entity id.</summary>
    public static ShardEnvelope Envelope(ObjectKey key, object command) => new(key.EntityName, command);

    private static Props EntityProps(string entityId, KindCatalog catalog, StoreSettings settings)
    {
        var key = ObjectKey.FromEntityName(entityId);
        var type = catalog.Get(key);
        // Idle entities passivate through their shard (sharding's own idle passivation stays as configured).
        return Props.Create(() => new ResourceEntity(key, type, settings.PassivationTimeout, settings.SnapshotEvery));
    }
}
