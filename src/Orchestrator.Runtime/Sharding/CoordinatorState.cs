using System.Collections.Immutable;

namespace Orchestrator.Runtime.Sharding;

/// <summary>The coordinator's events: its whole state is their fold, so a coordinator that moves recovers it from the journal.</summary>
internal static class CoordinatorEvents
{
    /// <summary>Base of the coordinator's events.</summary>
    public interface ICoordinatorEvent;

    /// <summary>A region that hosts shards registered.</summary>
    public sealed record ShardRegionRegistered(IActorRef Region) : ICoordinatorEvent;

    /// <summary>A proxy-only region registered.</summary>
    public sealed record ShardRegionProxyRegistered(IActorRef Proxy) : ICoordinatorEvent;

    /// <summary>A region stopped or its member left; its shards have no home any more.</summary>
    public sealed record ShardRegionTerminated(IActorRef Region) : ICoordinatorEvent;

    /// <summary>A proxy stopped.</summary>
    public sealed record ShardRegionProxyTerminated(IActorRef Proxy) : ICoordinatorEvent;

    /// <summary><paramref name="Shard"/> was given to <paramref name="Region"/>.</summary>
    public sealed record ShardHomeAllocated(string Shard, IActorRef Region) : ICoordinatorEvent;

    /// <summary><paramref name="Shard"/> was handed off and has no home until it is allocated again.</summary>
    public sealed record ShardHomeDeallocated(string Shard) : ICoordinatorEvent;

    public static void RegisterManifests(Serialization.SerializationRegistry registry)
    {
        registry.Register<ShardRegionRegistered>("orch.sharding.region-registered/v1");
        registry.Register<ShardRegionProxyRegistered>("orch.sharding.region-proxy-registered/v1");
        registry.Register<ShardRegionTerminated>("orch.sharding.region-terminated/v1");
        registry.Register<ShardRegionProxyTerminated>("orch.sharding.region-proxy-terminated/v1");
        registry.Register<ShardHomeAllocated>("orch.sharding.shard-home-allocated/v1");
        registry.Register<ShardHomeDeallocated>("orch.sharding.shard-home-deallocated/v1");
    }
}

/// <summary>
/// Which regions exist and which shard lives where. Immutable; changed only through <see cref="Apply"/>.
/// <see cref="UnallocatedShards"/> are shards that had a home and lost it (their region went, or they were
/// handed off); with remember-entities they are allocated again without waiting for a message.
/// </summary>
internal sealed record CoordinatorState(
    ImmutableDictionary<IActorRef, ImmutableList<string>> Regions,
    ImmutableHashSet<IActorRef> RegionProxies,
    ImmutableDictionary<string, IActorRef> Shards,
    ImmutableHashSet<string> UnallocatedShards)
{
    public static readonly CoordinatorState Empty = new(
        ImmutableDictionary<IActorRef, ImmutableList<string>>.Empty,
        ImmutableHashSet<IActorRef>.Empty,
        ImmutableDictionary<string, IActorRef>.Empty,
        ImmutableHashSet<string>.Empty);

    /// <summary>The state after <paramref name="e"/>. Events that do not fit the state (replayed after a partial failure) leave it unchanged.</summary>
    public CoordinatorState Apply(CoordinatorEvents.ICoordinatorEvent e) => e switch
    {
        CoordinatorEvents.ShardRegionRegistered r when !Regions.ContainsKey(r.Region) =>
            this with { Regions = Regions.Add(r.Region, ImmutableList<string>.Empty) },
        CoordinatorEvents.ShardRegionProxyRegistered p => this with { RegionProxies = RegionProxies.Add(p.Proxy) },
        CoordinatorEvents.ShardRegionTerminated t when Regions.TryGetValue(t.Region, out var shards) =>
            this with { Regions = Regions.Remove(t.Region), Shards = Shards.RemoveRange(shards), UnallocatedShards = UnallocatedShards.Union(shards) },
        CoordinatorEvents.ShardRegionProxyTerminated p => this with { RegionProxies = RegionProxies.Remove(p.Proxy) },
        CoordinatorEvents.ShardHomeAllocated a when Regions.TryGetValue(a.Region, out var shards) && !Shards.ContainsKey(a.Shard) =>
            this with
            {
                Regions = Regions.SetItem(a.Region, shards.Add(a.Shard)),
                Shards = Shards.Add(a.Shard, a.Region),
                UnallocatedShards = UnallocatedShards.Remove(a.Shard),
            },
        CoordinatorEvents.ShardHomeDeallocated d when Shards.TryGetValue(d.Shard, out var region) =>
            this with
            {
                Regions = Regions.SetItem(region, Regions[region].Remove(d.Shard)),
                Shards = Shards.Remove(d.Shard),
                UnallocatedShards = UnallocatedShards.Add(d.Shard),
            },
        _ => this,
    };

    /// <summary>The allocation as the strategy sees it: every region in <paramref name="eligible"/> with its shards.</summary>
    public IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> Allocations(Func<IActorRef, bool> eligible) =>
        Regions.Where(r => eligible(r.Key)).ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value);
}
