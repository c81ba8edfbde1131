using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Settings of one sharded entity type, read from <c>orchestrator.cluster.sharding</c> (every key documented
/// with unit and default in the runtime's <c>reference.conf</c>). Change one per type with <c>with</c>.
/// </summary>
public sealed record ClusterShardingSettings
{
    /// <summary>Role of the members that host entities; empty = every member (<c>role</c>).</summary>
    public string Role { get; init; } = "";

    /// <summary>Shards of the default extractor (<c>number-of-shards</c>).</summary>
    public int NumberOfShards { get; init; } = 100;

    /// <summary>Whether shards record their entities and restart them after a move or crash (<c>remember-entities</c>).</summary>
    public bool RememberEntities { get; init; }

    /// <summary>Idle time after which an entity is passivated; null = never (<c>passivate-idle-entity-after</c>).</summary>
    public TimeSpan? PassivateIdleEntityAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Interval of registration and shard-home retries while the coordinator is unknown or silent (<c>retry-interval</c>).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages a region holds while shard homes are unknown, over all shards (<c>buffer-size</c>).</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Longest a hand-off may take before the coordinator gives it up (<c>handoff-timeout</c>).</summary>
    public TimeSpan HandOffTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the coordinator looks for shards to rebalance (<c>rebalance-interval</c>).</summary>
    public TimeSpan RebalanceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Difference in shard count between the fullest and emptiest region that starts a rebalance (<c>least-shard-allocation-strategy.rebalance-threshold</c>).</summary>
    public int RebalanceThreshold { get; init; } = 1;

    /// <summary>Most shards moving at once (<c>least-shard-allocation-strategy.max-simultaneous-rebalance</c>).</summary>
    public int MaxSimultaneousRebalance { get; init; } = 3;

    /// <summary>Delay before a remembered entity that stopped by itself (or failed) is started again (<c>entity-restart-backoff</c>).</summary>
    public TimeSpan EntityRestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads <c>orchestrator.cluster.sharding</c> of <paramref name="config"/> (which should include the reference configuration).</summary>
    public static ClusterShardingSettings From(Config config)
    {
        const string section = "orchestrator.cluster.sharding";
        if (!config.HasPath(section)) return new ClusterShardingSettings();
        var c = config.GetConfig(section);
        var passivate = c.GetString("passivate-idle-entity-after", "120s")!;
        var settings = new ClusterShardingSettings
        {
            Role = c.GetString("role", "")!,
            NumberOfShards = c.GetInt("number-of-shards", 100),
            RememberEntities = c.GetBoolean("remember-entities", false),
            PassivateIdleEntityAfter = passivate is "off" or "false" ? null : c.GetTimeSpan("passivate-idle-entity-after"),
            RetryInterval = c.GetTimeSpan("retry-interval", TimeSpan.FromSeconds(2)),
            BufferSize = c.GetInt("buffer-size", 100_000),
            HandOffTimeout = c.GetTimeSpan("handoff-timeout", TimeSpan.FromSeconds(60)),
            RebalanceInterval = c.GetTimeSpan("rebalance-interval", TimeSpan.FromSeconds(10)),
            RebalanceThreshold = c.GetInt("least-shard-allocation-strategy.rebalance-threshold", 1),
            MaxSimultaneousRebalance = c.GetInt("least-shard-allocation-strategy.max-simultaneous-rebalance", 3),
            EntityRestartBackoff = c.GetTimeSpan("entity-restart-backoff", TimeSpan.FromSeconds(10)),
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var key = e.ParamName ?? "";
            throw new ConfigException(c.HasPath(key) ? c.OriginOf(key) : config.OriginOf(section), $"{section}.{key}: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Rejects values that would make sharding misbehave; the exception's parameter name is the HOCON key.</summary>
    public ClusterShardingSettings Validate()
    {
        if (NumberOfShards < 1) throw new ArgumentOutOfRangeException("number-of-shards", NumberOfShards, "must be at least 1");
        if (PassivateIdleEntityAfter is { } idle && idle <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("passivate-idle-entity-after", idle, "must be a positive duration or off");
        Positive(RetryInterval, "retry-interval");
        Positive(HandOffTimeout, "handoff-timeout");
        Positive(RebalanceInterval, "rebalance-interval");
        Positive(EntityRestartBackoff, "entity-restart-backoff");
        if (BufferSize < 1) throw new ArgumentOutOfRangeException("buffer-size", BufferSize, "must be at least 1");
        if (RebalanceThreshold < 1)
            throw new ArgumentOutOfRangeException("least-shard-allocation-strategy.rebalance-threshold", RebalanceThreshold, "must be at least 1");
        if (MaxSimultaneousRebalance < 1)
            throw new ArgumentOutOfRangeException("least-shard-allocation-strategy.max-simultaneous-rebalance", MaxSimultaneousRebalance, "must be at least 1");
        return this;
    }

    private static void Positive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(key, value, "must be a positive duration");
    }
}
