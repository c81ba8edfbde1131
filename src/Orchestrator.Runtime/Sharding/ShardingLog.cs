using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Sharding;

/// <summary>Log messages of the sharding module.</summary>
internal static partial class ShardingLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of remembered entities {PersistenceId} failed; recovery replays more events")]
    public static partial void LogSnapshotFailed(this ILogger log, string persistenceId, Exception cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard region {TypeName}: buffer full ({BufferSize} messages); message {MessageType} for shard {ShardId} goes to dead letters")]
    public static partial void LogBufferFull(this ILogger log, string typeName, int bufferSize, string messageType, string shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard region {TypeName} stopped with {Count} messages whose shards found no new home; they go to dead letters")]
    public static partial void LogBufferDroppedAtShutdown(this ILogger log, string typeName, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharding {TypeName}: the message extractor gives no entity id for {MessageType}; it goes to dead letters")]
    public static partial void LogNoEntityId(this ILogger log, string typeName, string messageType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId} of {TypeName}: its remember-entities store stopped (a journal failure); the shard stops and starts again on its next message")]
    public static partial void LogStoreStopped(this ILogger log, string typeName, string shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard coordinator {TypeName}: rebalancing shard {ShardId} away from {Region}")]
    public static partial void LogRebalance(this ILogger log, string typeName, string shardId, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard coordinator {TypeName}: hand-off of shard {ShardId} did not finish within the handoff-timeout; it stays where it is")]
    public static partial void LogHandOffTimedOut(this ILogger log, string typeName, string shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard coordinator {TypeName}: region {Region} is gone; its shards {Shards} will be allocated again")]
    public static partial void LogRegionTerminated(this ILogger log, string typeName, string region, string shards);
}
