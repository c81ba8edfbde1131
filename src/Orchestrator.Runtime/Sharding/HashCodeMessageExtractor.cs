using System.Text;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// The default extractor: entity messages are <see cref="ShardEnvelope"/>s (or <see cref="StartEntity"/>), and the
/// shard id is a stable hash of the entity id modulo <see cref="MaxNumberOfShards"/>. Derive from it to take the
/// entity id from your own message types.
/// </summary>
public class HashCodeMessageExtractor : IMessageExtractor
{
    /// <summary>Creates an extractor spreading entities over <paramref name="maxNumberOfShards"/> shards.</summary>
    public HashCodeMessageExtractor(int maxNumberOfShards)
    {
        if (maxNumberOfShards < 1)
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfShards), maxNumberOfShards, "A sharded entity type needs at least one shard.");
        MaxNumberOfShards = maxNumberOfShards;
    }

    /// <summary>The number of shards; changing it moves entities between shards, so keep it fixed for a cluster's life.</summary>
    public int MaxNumberOfShards { get; }

    /// <inheritdoc />
    public virtual string? EntityId(object message) => message switch
    {
        ShardEnvelope e => e.EntityId,
        StartEntity s => s.EntityId,
        _ => null,
    };

    /// <inheritdoc />
    public virtual object EntityMessage(object message) => message is ShardEnvelope e ? e.Message : message;

    /// <inheritdoc />
    public string ShardId(object message)
    {
        var id = message is StartEntity s ? s.EntityId : EntityId(message);
        return id is null ? "" : ShardIdOf(id, MaxNumberOfShards);
    }

    /// <summary>The shard of <paramref name="entityId"/> among <paramref name="numberOfShards"/>; the same in every process and .NET version.</summary>
    public static string ShardIdOf(string entityId, int numberOfShards) =>
        (StableHash(entityId) % (uint)numberOfShards).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// 32-bit FNV-1a over the UTF-8 bytes. string.GetHashCode is randomized per process, so two processes
    /// would disagree on where an entity lives.
    /// </summary>
    public static uint StableHash(string value)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetByteCount(value)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        var hash = offsetBasis;
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= prime;
        }
        return hash;
    }
}
