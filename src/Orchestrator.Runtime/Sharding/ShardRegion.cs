using static Orchestrator.Runtime.Sharding.CoordinatorProtocol;
using static Orchestrator.Runtime.Sharding.ShardRegionMessages;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// The entry point of one entity type on one member. For each message it finds the shard (message extractor),
/// then the shard's home: its own child <see cref="Shard"/>, or another region, as the coordinator said.
/// While a home is unknown (first use, coordinator moving, shard handed off) the messages wait here, in
/// order, and go out once the home is known. A proxy region (no entity props) hosts nothing and only routes.
/// </summary>
internal sealed partial class ShardRegion : ActorBase, IWithTimers
{
    private readonly string _typeName;
    private readonly Func<string, Props>? _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly ICoordinatorLocator _locator;
    private readonly Dictionary<string, IActorRef> _regionByShard = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, HashSet<string>> _regions = new();
    private readonly Dictionary<string, IActorRef> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _shardIds = new();
    private readonly HashSet<string> _stoppingShards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _buffers = new(StringComparer.Ordinal);
    private int _buffered;
    private IActorRef? _coordinator;
    private bool _gracefulShutdown;
    private bool _noRegionToHandOffTo;

    public ShardRegion(string typeName, Func<string, Props>? entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        object handOffStopMessage, ICoordinatorLocator locator)
    {
        _typeName = typeName;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _locator = locator;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsProxy => _entityProps is null;

    protected override void PreStart()
    {
        _locator.Start(Context);
        Timers.StartPeriodicTimer("retry", new Retry(), _settings.RetryInterval);
        RegisterWithCoordinator();
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ShardHome home: HandleShardHome(home.Shard, home.Region); break;
            case HostShard host: HandleHostShard(host.Shard); break;
            case BeginHandOff begin: HandleBeginHandOff(begin.Shard); break;
            case HandOff handOff: HandleHandOff(handOff.Shard, Sender); break;
            case RegisterAck ack: HandleRegisterAck(ack.Coordinator); break;
            case Terminated t: HandleTerminated(t.ActorRef); break;
            case Retry: HandleRetry(); break;
            case ShutdownFlushTimeout: StopNow(); break;
            case GetShardRegionState: ReplyRegionState(); break;
            case GetShardRegionStats: ReplyRegionStats(); break;
            case GetClusterShardingStats get: ReplyClusterStats(get.Timeout); break;
            case GracefulShutdown: HandleGracefulShutdown(); break;
            case ShardStopped: break;
            case NoRegionToHandOffTo:
                _noRegionToHandOffTo = true;
                StopWhenShutDown();
                break;
            default:
                if (!_locator.Handle(message)) Route(message, Sender);
                break;
        }
        return true;
    }

    private void Route(object message, IActorRef sender)
    {
        if (_extractor.EntityId(message) is null)
        {
            Log.LogNoEntityId(_typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(message, sender);
            return;
        }
        var shard = _extractor.ShardId(message);
        if (_regionByShard.TryGetValue(shard, out var region))
        {
            if (!ReferenceEquals(region, Self) && !region.Equals(Self))
            {
                region.Tell(message, sender);
                return;
            }
            if (LocalShard(shard) is { } local)
            {
                local.Tell(message, sender);
                return;
            }
        }
        Buffer(shard, message, sender);
    }

    private void Buffer(string shard, object message, IActorRef sender)
    {
        if (_buffered >= _settings.BufferSize)
        {
            Log.LogBufferFull(_typeName, _settings.BufferSize, message.GetType().Name, shard);
            Context.System.DeadLetters.Tell(message, sender);
            return;
        }
        if (!_buffers.TryGetValue(shard, out var buffer))
        {
            _buffers[shard] = buffer = [];
            if (!_regionByShard.ContainsKey(shard)) RequestHome(shard);
        }
        buffer.Add((message, sender));
        _buffered++;
    }

    private void RequestHome(string shard)
    {
        if (_coordinator is { } coordinator) coordinator.Tell(new GetShardHome(shard), Self);
    }

    /// <summary>The running local shard, started when needed; null while an earlier incarnation is still stopping.</summary>
    private IActorRef? LocalShard(string shard)
    {
        if (_shards.TryGetValue(shard, out var existing)) return existing;
        if (_stoppingShards.Contains(shard) || _entityProps is null) return null;
        var created = Context.ActorOf(
            Props.Create(() => new Shard(_typeName, shard, _entityProps, _settings, _extractor, _handOffStopMessage)),
            Uri.EscapeDataString(shard));
        Context.Watch(created);
        _shards[shard] = created;
        _shardIds[created] = shard;
        return created;
    }

    private void HandleShardHome(string shard, IActorRef region)
    {
        SetHome(shard, region);
        DeliverBuffered(shard);
    }

    private void SetHome(string shard, IActorRef region)
    {
        if (_regionByShard.TryGetValue(shard, out var old) && _regions.TryGetValue(old, out var oldShards)) oldShards.Remove(shard);
        _regionByShard[shard] = region;
        if (!_regions.TryGetValue(region, out var shards))
        {
            _regions[region] = shards = new HashSet<string>(StringComparer.Ordinal);
            if (!region.Equals(Self)) Context.Watch(region);
        }
        shards.Add(shard);
    }

    private void DeliverBuffered(string shard)
    {
        if (!_buffers.TryGetValue(shard, out var buffer) || !_regionByShard.TryGetValue(shard, out var region)) return;
        var target = region.Equals(Self) ? LocalShard(shard) : region;
        if (target is null) return; // the local shard's previous incarnation is still stopping; delivered on its Terminated
        _buffers.Remove(shard);
        _buffered -= buffer.Count;
        foreach (var (message, sender) in buffer) target.Tell(message, sender);
        StopWhenShutDown();
    }

    private void HandleHostShard(string shard)
    {
        if (IsProxy) return;
        SetHome(shard, Self);
        LocalShard(shard);
        DeliverBuffered(shard);
        Sender.Tell(new ShardStarted(shard), Self);
    }

    private void HandleBeginHandOff(string shard)
    {
        if (_regionByShard.Remove(shard, out var region) && _regions.TryGetValue(region, out var shards)) shards.Remove(shard);
        Sender.Tell(new BeginHandOffAck(shard), Self);
    }

    private void HandleHandOff(string shard, IActorRef requester)
    {
        if (_regionByShard.Remove(shard, out var region) && _regions.TryGetValue(region, out var shards)) shards.Remove(shard);
        if (_shards.Remove(shard, out var local))
        {
            _stoppingShards.Add(shard);
            local.Tell(new HandOff(shard), requester);
        }
        else requester.Tell(new ShardStopped(shard), Self);
    }

    private void HandleTerminated(IActorRef actor)
    {
        if (actor.Equals(_coordinator))
        {
            _coordinator = null;
            RegisterWithCoordinator();
            return;
        }
        if (_shardIds.Remove(actor, out var shard))
        {
            _stoppingShards.Remove(shard);
            if (_shards.TryGetValue(shard, out var current) && current.Equals(actor)) _shards.Remove(shard);
            // Home still here (the shard failed, or was handed back to this region): start it again for what waits,
            // and for its remembered entities.
            if (_regionByShard.TryGetValue(shard, out var home) && home.Equals(Self) && (_buffers.ContainsKey(shard) || _settings.RememberEntities))
            {
                LocalShard(shard);
                DeliverBuffered(shard);
            }
            StopWhenShutDown();
            return;
        }
        if (_regions.Remove(actor, out var lost))
            foreach (var s in lost) _regionByShard.Remove(s);
    }

    private void HandleRegisterAck(IActorRef coordinator)
    {
        if (_coordinator is { } old && !old.Equals(coordinator)) Context.Unwatch(old);
        _coordinator = coordinator;
        Context.Watch(coordinator);
        if (_gracefulShutdown) coordinator.Tell(new GracefulShutdownRequest(Self), Self);
        foreach (var shard in _buffers.Keys) RequestHome(shard);
    }

    private void HandleRetry()
    {
        if (_coordinator is null) RegisterWithCoordinator();
        else
            foreach (var shard in _buffers.Keys)
                if (!_regionByShard.ContainsKey(shard)) RequestHome(shard);
    }

    private void RegisterWithCoordinator() =>
        _locator.TellCoordinator(IsProxy ? new RegisterProxy(Self) : new Register(Self), Self);

    private void HandleGracefulShutdown()
    {
        if (_gracefulShutdown) return;
        _gracefulShutdown = true;
        if (_coordinator is { } coordinator) coordinator.Tell(new GracefulShutdownRequest(Self), Self);
        else
        {
            // Nobody to hand off to: stop the shards here (entities still get the hand-off stop message).
            _noRegionToHandOffTo = true;
            foreach (var shard in _shards.Keys.ToList()) HandleHandOff(shard, Self);
        }
        StopWhenShutDown();
    }

    /// <summary>
    /// Stops once no shard runs here and the messages the handed-off shards gave back have gone to their new
    /// homes. When the coordinator said no other region can take them (or none answers within the hand-off
    /// timeout), it stops without waiting, and what it still holds goes to dead letters.
    /// </summary>
    private void StopWhenShutDown()
    {
        if (!_gracefulShutdown || _shards.Count > 0 || _stoppingShards.Count > 0) return;
        if (_buffers.Count == 0 || _noRegionToHandOffTo) StopNow();
        else if (!Timers.IsTimerActive("shutdown-flush")) Timers.StartSingleTimer("shutdown-flush", new ShutdownFlushTimeout(), _settings.HandOffTimeout);
    }

    private void StopNow()
    {
        if (_buffered > 0) Log.LogBufferDroppedAtShutdown(_typeName, _buffered);
        foreach (var (message, sender) in _buffers.Values.SelectMany(b => b)) Context.System.DeadLetters.Tell(message, sender);
        _buffers.Clear();
        _buffered = 0;
        Context.Stop(Self);
    }
}
