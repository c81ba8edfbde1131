namespace Orchestrator.Runtime.Sharding;

/// <summary>The protocol between shard regions and the coordinator of their entity type; crosses processes.</summary>
internal static class CoordinatorProtocol
{
    /// <summary>A region that hosts shards announces itself; answered with <see cref="RegisterAck"/>.</summary>
    public sealed record Register(IActorRef Region);

    /// <summary>A proxy-only region (hosts nothing) announces itself; answered with <see cref="RegisterAck"/>.</summary>
    public sealed record RegisterProxy(IActorRef Proxy);

    /// <summary>The coordinator knows the region.</summary>
    public sealed record RegisterAck(IActorRef Coordinator);

    /// <summary>Where does <paramref name="Shard"/> live? Answered with <see cref="ShardHome"/> once it is allocated.</summary>
    public sealed record GetShardHome(string Shard);

    /// <summary><paramref name="Shard"/> lives in <paramref name="Region"/>.</summary>
    public sealed record ShardHome(string Shard, IActorRef Region);

    /// <summary>Coordinator to region: start <paramref name="Shard"/>; answered with <see cref="ShardStarted"/>.</summary>
    public sealed record HostShard(string Shard);

    /// <summary>The region runs <paramref name="Shard"/>.</summary>
    public sealed record ShardStarted(string Shard);

    /// <summary>Hand-off step 1, to every region: forget where <paramref name="Shard"/> lives and hold its messages; answered with <see cref="BeginHandOffAck"/>.</summary>
    public sealed record BeginHandOff(string Shard);

    /// <summary>The region holds messages for <paramref name="Shard"/> from now on.</summary>
    public sealed record BeginHandOffAck(string Shard);

    /// <summary>Hand-off step 2, to the region hosting <paramref name="Shard"/>: stop it; answered with <see cref="ShardStopped"/> once every entity has stopped.</summary>
    public sealed record HandOff(string Shard);

    /// <summary><paramref name="Shard"/> has no live entity any more.</summary>
    public sealed record ShardStopped(string Shard);

    /// <summary>A region is shutting down: move its shards away and take no new ones there.</summary>
    public sealed record GracefulShutdownRequest(IActorRef Region);

    /// <summary>Answer to <see cref="GracefulShutdownRequest"/> when no other region can take the shards: they are only stopped.</summary>
    public sealed record NoRegionToHandOffTo;

    /// <summary>Asks for the registered regions; answered with <see cref="CurrentRegions"/>.</summary>
    public sealed record GetCurrentRegions;

    /// <summary>The registered regions.</summary>
    public sealed record CurrentRegions(IReadOnlyList<IActorRef> Regions);

    /// <summary>Registers the manifests of the protocol, so it can travel between processes.</summary>
    public static void RegisterManifests(Serialization.SerializationRegistry registry)
    {
        registry.Register<Register>("orch.sharding.register/v1");
        registry.Register<RegisterProxy>("orch.sharding.register-proxy/v1");
        registry.Register<RegisterAck>("orch.sharding.register-ack/v1");
        registry.Register<GetShardHome>("orch.sharding.get-shard-home/v1");
        registry.Register<ShardHome>("orch.sharding.shard-home/v1");
        registry.Register<HostShard>("orch.sharding.host-shard/v1");
        registry.Register<ShardStarted>("orch.sharding.shard-started/v1");
        registry.Register<BeginHandOff>("orch.sharding.begin-hand-off/v1");
        registry.Register<BeginHandOffAck>("orch.sharding.begin-hand-off-ack/v1");
        registry.Register<HandOff>("orch.sharding.hand-off/v1");
        registry.Register<ShardStopped>("orch.sharding.shard-stopped/v1");
        registry.Register<GracefulShutdownRequest>("orch.sharding.graceful-shutdown-request/v1");
        registry.Register<NoRegionToHandOffTo>("orch.sharding.no-region-to-hand-off-to/v1");
        registry.Register<GetCurrentRegions>("orch.sharding.get-current-regions/v1");
        registry.Register<CurrentRegions>("orch.sharding.current-regions/v1");
        registry.Register<ShardEnvelope>("orch.sharding.shard-envelope/v1");
        registry.Register<StartEntity>("orch.sharding.start-entity/v1");
        registry.Register<StartEntityAck>("orch.sharding.start-entity-ack/v1");
        registry.Register<ShardRegionStats>("orch.sharding.shard-region-stats/v1");
        registry.Register<GetShardRegionStats>("orch.sharding.get-shard-region-stats/v1");
        registry.Register<GetShardRegionState>("orch.sharding.get-shard-region-state/v1");
        registry.Register<CurrentShardRegionState>("orch.sharding.current-shard-region-state/v1");
        registry.Register<ShardState>("orch.sharding.shard-state/v1");
        registry.Register<GetClusterShardingStats>("orch.sharding.get-cluster-sharding-stats/v1");
        registry.Register<ClusterShardingStats>("orch.sharding.cluster-sharding-stats/v1");
        registry.Register<GracefulShutdown>("orch.sharding.graceful-shutdown/v1");
        CoordinatorEvents.RegisterManifests(registry);
    }
}
