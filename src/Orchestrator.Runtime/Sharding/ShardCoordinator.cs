using Orchestrator.Runtime.Persistence;
using static Orchestrator.Runtime.Sharding.CoordinatorEvents;
using static Orchestrator.Runtime.Sharding.CoordinatorProtocol;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Decides which region hosts which shard of one entity type. Event-sourced (<c>sharding/{type}/coordinator</c>):
/// a coordinator that starts elsewhere (as a cluster singleton) recovers every registration and allocation,
/// watches the recovered regions again, and goes on. Moves a shard only through a <see cref="RebalanceWorker"/>,
/// and frees it only after the old region reported it stopped, so a shard never runs in two regions.
/// </summary>
internal sealed partial class ShardCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly string _typeName;
    private readonly ClusterShardingSettings _settings;
    private readonly IShardAllocationStrategy _strategy;
    private readonly Dictionary<string, List<IActorRef>> _rebalanceInProgress = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _gracefulShutdown = new();
    private readonly HashSet<IActorRef> _confirmedRegions = new();
    private readonly bool _inCluster;
    private CoordinatorState _state = CoordinatorState.Empty;

    private sealed record RebalanceTick;

    public ShardCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy, bool inCluster = false)
    {
        _inCluster = inCluster;
        CoordinatorProtocol.RegisterManifests(Context.System.Serialization);
        _typeName = typeName;
        _settings = settings;
        _strategy = strategy;
        PersistenceId = $"sharding/{typeName}/coordinator";
        Recover<ICoordinatorEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => HandleRecovered());
        Command<Register>(HandleRegister);
        Command<RegisterProxy>(HandleRegisterProxy);
        Command<GetShardHome>(HandleGetShardHome);
        Command<ShardHome>(_ => { });
        Command<ShardStarted>(_ => { });
        Command<Terminated>(HandleTerminated);
        Command<RebalanceTick>(_ => HandleRebalanceTick());
        Command<RebalanceWorker.RebalanceDone>(HandleRebalanceDone);
        Command<GracefulShutdownRequest>(HandleGracefulShutdown);
        Command<Cluster.ClusterEvent.MemberRemoved>(HandleMemberRemoved);
        Command<CoordinatorStop>(_ => Context.Stop(Self));
        Command<GetCurrentRegions>(_ => Sender.Tell(new CurrentRegions(_state.Regions.Keys.ToList()), Self));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private void HandleRecovered()
    {
        foreach (var region in _state.Regions.Keys) Context.Watch(region);
        foreach (var proxy in _state.RegionProxies) Context.Watch(proxy);
        Timers.StartPeriodicTimer("rebalance", new RebalanceTick(), _settings.RebalanceInterval);
        ReleaseRegionsOfGoneMembers();
        if (!_settings.RememberEntities) return;
        // Make sure every shard with remembered entities runs: hosted where it was, or allocated anew.
        foreach (var (shard, region) in _state.Shards) region.Tell(new HostShard(shard), Self);
        AllocateAgain(_state.UnallocatedShards);
    }

    private void HandleRegister(Register register) =>
        Register(register.Region, _state.Regions.ContainsKey(register.Region), new ShardRegionRegistered(register.Region));

    private void HandleRegisterProxy(RegisterProxy register) =>
        Register(register.Proxy, _state.RegionProxies.Contains(register.Proxy), new ShardRegionProxyRegistered(register.Proxy));

    /// <summary>Acknowledges a region or proxy; a new one is recorded and watched first.</summary>
    private void Register(IActorRef region, bool known, ICoordinatorEvent registered)
    {
        if (registered is ShardRegionRegistered) _confirmedRegions.Add(region);
        if (known)
        {
            region.Tell(new RegisterAck(Self), Self);
            return;
        }
        Persist(registered, e =>
        {
            _state = _state.Apply(e);
            Context.Watch(region);
            region.Tell(new RegisterAck(Self), Self);
            // Shards that found no region when they lost theirs get one now.
            if (_settings.RememberEntities && e is ShardRegionRegistered) AllocateAgain(_state.UnallocatedShards);
        });
    }

    private void HandleGetShardHome(GetShardHome get)
    {
        var shard = get.Shard;
        if (_rebalanceInProgress.TryGetValue(shard, out var waiting))
        {
            // Answered once the hand-off is over, with the shard's new home.
            waiting.Add(Sender);
            return;
        }
        if (_state.Shards.TryGetValue(shard, out var home))
        {
            // A home recovered from the journal may be a region of an earlier run: only one that registered
            // with this incarnation is named. Until it does (or is found gone and the shard is freed) the asker
            // asks again after its retry interval, instead of sending messages into the void.
            if (_confirmedRegions.Contains(home)) Sender.Tell(new ShardHome(shard, home), Self);
            return;
        }
        var candidates = _state.Allocations(r => !_gracefulShutdown.Contains(r));
        // No region yet: the asking region asks again after its retry interval.
        if (candidates.Count == 0) return;
        var region = _strategy.AllocateShard(Sender, shard, candidates);
        if (!_state.Regions.ContainsKey(region)) return;
        var requester = Sender;
        Persist(new ShardHomeAllocated(shard, region), e =>
        {
            _state = _state.Apply(e);
            region.Tell(new HostShard(shard), Self);
            requester.Tell(new ShardHome(shard, region), Self);
        });
    }

    private void HandleTerminated(Terminated terminated)
    {
        var actor = terminated.ActorRef;
        if (_state.Regions.TryGetValue(actor, out var shards))
        {
            Log.LogRegionTerminated(_typeName, actor.Path.ToString(), string.Join(",", shards));
            Persist(new ShardRegionTerminated(actor), e =>
            {
                _state = _state.Apply(e);
                _gracefulShutdown.Remove(actor);
                _confirmedRegions.Remove(actor);
                if (_settings.RememberEntities) AllocateAgain(_state.UnallocatedShards);
            });
        }
        else if (_state.RegionProxies.Contains(actor))
            Persist(new ShardRegionProxyTerminated(actor), e => _state = _state.Apply(e));
    }

    /// <summary>Remembered entities must run without waiting for a message, so their shards get a home at once.</summary>
    private void AllocateAgain(IEnumerable<string> shards)
    {
        foreach (var shard in shards.ToList()) Self.Tell(new GetShardHome(shard), Self);
    }

    private void HandleRebalanceTick()
    {
        var shards = _strategy.Rebalance(_state.Allocations(r => !_gracefulShutdown.Contains(r)), _rebalanceInProgress.Keys.ToHashSet());
        foreach (var shard in shards) StartRebalance(shard);
    }

    private void HandleGracefulShutdown(GracefulShutdownRequest request)
    {
        if (!_state.Regions.TryGetValue(request.Region, out var shards)) return;
        _gracefulShutdown.Add(request.Region);
        if (_state.Regions.Keys.All(_gracefulShutdown.Contains)) request.Region.Tell(new NoRegionToHandOffTo(), Self);
        foreach (var shard in shards) StartRebalance(shard);
    }

    private void StartRebalance(string shard)
    {
        if (_rebalanceInProgress.ContainsKey(shard) || !_state.Shards.TryGetValue(shard, out var from)) return;
        Log.LogRebalance(_typeName, shard, from.Path.ToString());
        _rebalanceInProgress[shard] = [];
        var regions = _state.Regions.Keys.Concat(_state.RegionProxies).ToList();
        Context.ActorOf(Props.Create(() => new RebalanceWorker(shard, from, regions, _settings.HandOffTimeout)));
    }

    private void HandleRebalanceDone(RebalanceWorker.RebalanceDone done)
    {
        if (!_rebalanceInProgress.Remove(done.Shard, out var waiting)) return;
        if (!done.Ok)
        {
            Log.LogHandOffTimedOut(_typeName, done.Shard);
            AnswerAgain(done.Shard, waiting);
            return;
        }
        if (!_state.Shards.ContainsKey(done.Shard))
        {
            AnswerAgain(done.Shard, waiting);
            AllocateAgain([done.Shard]);
            return;
        }
        Persist(new ShardHomeDeallocated(done.Shard), e =>
        {
            _state = _state.Apply(e);
            AnswerAgain(done.Shard, waiting);
            // At once rather than on the next message: the strategy counts allocated shards only, and a moved
            // shard left unallocated would make the next rebalance move still more.
            AllocateAgain([done.Shard]);
        });
    }

    private void AnswerAgain(string shard, List<IActorRef> waiting)
    {
        foreach (var requester in waiting) Self.Tell(new GetShardHome(shard), requester);
    }
}
