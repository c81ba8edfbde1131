namespace Orchestrator.Runtime.Sharding;

/// <summary>Messages a <see cref="Shard"/> handles besides entity messages.</summary>
internal static class ShardMessages
{
    /// <summary>Asks for the shard's running entities; answered with <see cref="ShardState"/>.</summary>
    public sealed record GetShardState;

    /// <summary>Periodic check for idle entities to passivate.</summary>
    public sealed record PassivateIdleTick;

    /// <summary>A remembered entity that stopped by itself is started again (after the restart backoff).</summary>
    public sealed record RestartEntity(string EntityId);
}
