using System.Collections.Concurrent;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// The sharding extension of one actor system: starts a shard region (or a proxy) per entity type and
/// looks regions up by type name. Regions live under <c>/system/sharding-{type}</c>; the type's coordinator
/// at <c>/system/sharding-{type}-coordinator</c>. With remoting on, sharding spans the cluster (join it with
/// <c>Cluster.Get(system)</c>): the coordinator is a singleton on the oldest member with the role, at
/// <c>/system/sharding-{type}-coordinator/singleton</c>, and members without the role run proxies.
/// </summary>
public sealed class ClusterSharding
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _coordinators = new(StringComparer.Ordinal);
    private readonly object _startLock = new();
    private int _shutdownTaskAdded;

    private ClusterSharding(ActorSystem system)
    {
        _system = system;
        Settings = ClusterShardingSettings.From(system.Config);
        CoordinatorProtocol.RegisterManifests(system.Serialization);
        RememberEntities.RegisterManifests(system.Serialization);
        ShardEnvelopeConverter.Use(system.Serialization);
    }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static ClusterSharding Get(ActorSystem system) => system.GetOrCreateExtension(s => new ClusterSharding(s));

    /// <summary>The settings read from <c>orchestrator.cluster.sharding</c>, the default for every type.</summary>
    public ClusterShardingSettings Settings { get; }

    /// <summary>The entity types with a region or proxy on this member.</summary>
    public IReadOnlyCollection<string> ShardTypeNames => _regions.Keys.ToList();

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> hosting entities made by <paramref name="entityProps"/>
    /// (given the entity id) and returns it; send it the entities' messages. Starting a type again returns the
    /// running region. <paramref name="handOffStopMessage"/> (default PoisonPill) is what entities get when their
    /// shard moves or they are idle; persistent entities should take a message their command handler stops on,
    /// so a write in flight completes first.
    /// </summary>
    public IActorRef Start(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        IShardAllocationStrategy? allocationStrategy = null, object? handOffStopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        return StartRegion(typeName, entityProps, settings, extractor, allocationStrategy, handOffStopMessage);
    }

    /// <summary>Starts a region with the default settings and the default extractor (<see cref="ShardEnvelope"/> messages, <c>number-of-shards</c> shards).</summary>
    public IActorRef Start(string typeName, Func<string, Props> entityProps) =>
        Start(typeName, entityProps, Settings, new HashCodeMessageExtractor(Settings.NumberOfShards));

    /// <summary>
    /// Starts a proxy of <paramref name="typeName"/>: it routes messages to the regions on members with
    /// <paramref name="role"/> and hosts no entity itself.
    /// </summary>
    public IActorRef StartProxy(string typeName, string? role, IMessageExtractor extractor) =>
        StartRegion(typeName, null, Settings with { Role = role ?? "" }, extractor, null, null);

    /// <summary>The region (or proxy) of <paramref name="typeName"/>; fails naming the type when none was started.</summary>
    public IActorRef ShardRegion(string typeName) =>
        _regions.TryGetValue(typeName, out var region)
            ? region
            : throw new InvalidOperationException($"No shard region of type '{typeName}' runs on {_system.Address}: call ClusterSharding.Start or StartProxy for it first.");

    private IActorRef StartRegion(string typeName, Func<string, Props>? entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        IShardAllocationStrategy? strategy, object? handOffStopMessage)
    {
        if (string.IsNullOrWhiteSpace(typeName)) throw new ArgumentException("A sharded entity type needs a non-empty name.", nameof(typeName));
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extractor);
        settings.Validate();
        lock (_startLock)
        {
            if (_regions.TryGetValue(typeName, out var running)) return running;
            ICoordinatorLocator locator;
            if (InCluster)
            {
                var hostsRole = settings.Role.Length == 0 || Cluster.Cluster.Get(_system).SelfRoles.Contains(settings.Role);
                // A member without the role hosts nothing: its region is a proxy, and no coordinator runs here.
                if (!hostsRole) entityProps = null;
                else ClusterCoordinator(typeName, settings, strategy);
                locator = new ClusterCoordinatorLocator(typeName, settings.Role);
            }
            else locator = new PathCoordinatorLocator(LocalCoordinator(typeName, settings, strategy).Path.ToString());
            var stop = handOffStopMessage ?? PoisonPill.Instance;
            var region = _system.SystemActorOf(
                Props.Create(() => new ShardRegion(typeName, entityProps, settings, extractor, stop, locator)),
                RegionName(typeName));
            _regions[typeName] = region;
            AddShutdownTask();
            return region;
        }
    }

    private IActorRef LocalCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy? strategy) =>
        _coordinators.GetOrAdd(typeName, t => _system.SystemActorOf(
            Props.Create(() => new ShardCoordinator(t, settings, strategy ?? DefaultStrategy(settings))),
            RegionName(t) + "-coordinator"));

    /// <summary>With remoting on, sharding spans the cluster: coordinators are singletons, regions follow membership.</summary>
    private bool InCluster => _system.Remote is not null;

    private void ClusterCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy? strategy) =>
        _coordinators.GetOrAdd(typeName, t => _system.SystemActorOf(
            Singleton.ClusterSingletonManager.Props(
                Props.Create(() => new ShardCoordinator(t, settings, strategy ?? DefaultStrategy(settings), true)),
                new ShardCoordinator.CoordinatorStop(),
                Singleton.ClusterSingletonManagerSettings.Create(_system).WithRole(settings.Role) with { SingletonName = ClusterCoordinatorLocator.CoordinatorSingletonName }),
            RegionName(t) + "-coordinator"));

    internal static IShardAllocationStrategy DefaultStrategy(ClusterShardingSettings settings) =>
        new LeastShardAllocationStrategy(settings.RebalanceThreshold, settings.MaxSimultaneousRebalance);

    internal static string RegionName(string typeName) => "sharding-" + Uri.EscapeDataString(typeName);

    /// <summary>On shutdown every region hands its shards off (entities get their stop message) before the member leaves.</summary>
    private void AddShutdownTask()
    {
        if (Interlocked.Exchange(ref _shutdownTaskAdded, 1) != 0) return;
        _system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "shard-regions-hand-off", StopRegions);
    }

    private Task StopRegions() => Task.WhenAll(_regions.Values.Select(async region =>
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = _system.SystemActorOf(Props.Create(() => new TerminationWatcher(region, stopped)));
        region.Tell(GracefulShutdown.Instance, ActorRefs.Nobody);
        await stopped.Task.ConfigureAwait(false);
        _system.Stop(watcher);
    }));
}
