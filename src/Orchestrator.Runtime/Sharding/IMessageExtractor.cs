namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Tells a shard region which entity a message is for, which shard that entity lives in, and what the
/// entity itself receives. Every region and proxy of one entity type must use an extractor that gives
/// the same shard id for the same entity id, in every process.
/// </summary>
public interface IMessageExtractor
{
    /// <summary>The entity <paramref name="message"/> is for, or null when it is not an entity message (it is then unhandled).</summary>
    string? EntityId(object message);

    /// <summary>What the entity receives (e.g. the payload of a <see cref="ShardEnvelope"/>).</summary>
    object EntityMessage(object message);

    /// <summary>The shard of the entity <paramref name="message"/> is for; must depend on the entity id only.</summary>
    string ShardId(object message);
}
