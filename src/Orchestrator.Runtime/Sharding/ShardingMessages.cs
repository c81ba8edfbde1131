namespace Orchestrator.Runtime.Sharding;

/// <summary>A message for entity <paramref name="EntityId"/>, as the default <see cref="HashCodeMessageExtractor"/> expects it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ShardEnvelopeConverter))]
public sealed record ShardEnvelope(string EntityId, object Message);

/// <summary>
/// Starts entity <paramref name="EntityId"/> without a message of its own (e.g. to warm it up); the region
/// answers <see cref="StartEntityAck"/> once the entity runs.
/// </summary>
public sealed record StartEntity(string EntityId);

/// <summary>The entity <paramref name="EntityId"/> of shard <paramref name="ShardId"/> runs.</summary>
public sealed record StartEntityAck(string EntityId, string ShardId);

/// <summary>
/// Sent by an entity to its parent (<c>Context.Parent</c>) to be stopped: the shard sends it
/// <paramref name="StopMessage"/> and holds messages that arrive for it meanwhile, delivering them to a fresh
/// incarnation once it has stopped.
/// </summary>
public sealed record Passivate(object StopMessage);

/// <summary>Asks a region for the shards it hosts and their entities; the answer is <see cref="CurrentShardRegionState"/>.</summary>
public sealed record GetShardRegionState
{
    /// <summary>An instance to send (all are equal).</summary>
    public static readonly GetShardRegionState Instance = new();
}

/// <summary>The shards a region hosts.</summary>
public sealed record CurrentShardRegionState(IReadOnlyList<ShardState> Shards);

/// <summary>One shard and the ids of its running entities.</summary>
public sealed record ShardState(string ShardId, IReadOnlyList<string> EntityIds);

/// <summary>Asks a region for the number of running entities per shard it hosts; the answer is <see cref="ShardRegionStats"/>.</summary>
public sealed record GetShardRegionStats
{
    /// <summary>An instance to send (all are equal).</summary>
    public static readonly GetShardRegionStats Instance = new();
}

/// <summary>Running entities per shard id of one region.</summary>
public sealed record ShardRegionStats(IReadOnlyDictionary<string, int> Stats);

/// <summary>
/// Asks for the stats of every region of the type (through the coordinator); regions that do not answer
/// within <paramref name="Timeout"/> are left out. The answer is <see cref="ClusterShardingStats"/>.
/// </summary>
public sealed record GetClusterShardingStats(TimeSpan Timeout);

/// <summary>Stats per region, keyed by the region's path.</summary>
public sealed record ClusterShardingStats(IReadOnlyDictionary<string, ShardRegionStats> Regions);

/// <summary>
/// Tells a region to hand its shards off to other regions and stop (used when a member leaves). Watch the
/// region to know when it is done.
/// </summary>
public sealed record GracefulShutdown
{
    /// <summary>An instance to send (all are equal).</summary>
    public static readonly GracefulShutdown Instance = new();
}
