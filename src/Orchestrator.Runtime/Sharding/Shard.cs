using Microsoft.Extensions.Logging;
using static Orchestrator.Runtime.Sharding.CoordinatorProtocol;
using static Orchestrator.Runtime.Sharding.RememberEntities;
using static Orchestrator.Runtime.Sharding.ShardMessages;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// One shard of an entity type inside a region: its entities are its children (named by entity id), created
/// on their first message. Holds the messages of an entity that is stopping (passivation) or whose start is
/// being recorded (remember-entities) and delivers them afterwards, in order. On HandOff it stops every entity
/// with the hand-off stop message and answers ShardStopped only after all of them (and its store) have stopped.
/// </summary>
internal sealed class Shard : ActorBase, IWithStash, IWithTimers
{
    private readonly string _typeName;
    private readonly string _shardId;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = new();
    private readonly HashSet<IActorRef> _passivating = new();
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastActive = new(StringComparer.Ordinal);
    private readonly HashSet<string> _remembered = new(StringComparer.Ordinal);
    private IActorRef? _store;
    private IActorRef? _handOffRequester;
    private Receive _behavior;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings,
        IMessageExtractor extractor, object handOffStopMessage)
    {
        _typeName = typeName;
        _shardId = shardId;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _behavior = settings.RememberEntities ? WaitingForRemembered : Active;
    }

    protected override bool Receive(object message) => _behavior(message);

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (_settings.PassivateIdleEntityAfter is { } idle)
            Timers.StartPeriodicTimer("passivate-idle", new PassivateIdleTick(), idle / 2);
        if (!_settings.RememberEntities) return;
        _store = Context.ActorOf(Props.Create(() => new RememberEntitiesStore(_typeName, _shardId)), "remember");
        Context.Watch(_store);
    }

    private bool WaitingForRemembered(object message)
    {
        switch (message)
        {
            case RememberedEntities remembered:
                _remembered.UnionWith(remembered.EntityIds);
                foreach (var id in remembered.EntityIds) CreateEntity(id);
                _behavior = Active;
                Stash.UnstashAll();
                return true;
            case Terminated t when t.ActorRef.Equals(_store):
                HandleStoreStopped();
                return true;
            default:
                Stash.Stash();
                return true;
        }
    }

    private bool Active(object message)
    {
        switch (message)
        {
            case HandOff handOff: HandleHandOff(handOff); break;
            case Passivate passivate: HandlePassivate(Sender, passivate.StopMessage); break;
            case Terminated t: HandleTerminated(t.ActorRef); break;
            case EntityAdded added: HandleEntityAdded(added.EntityId); break;
            case StartEntity start: HandleStartEntity(start.EntityId); break;
            case PassivateIdleTick: PassivateIdle(); break;
            case RestartEntity restart: HandleRestart(restart.EntityId); break;
            case GetShardState: Sender.Tell(CurrentState(), Self); break;
            default: Deliver(message, Sender); break;
        }
        return true;
    }

    private bool HandingOff(object message)
    {
        switch (message)
        {
            case Terminated t:
                if (t.ActorRef.Equals(_store)) _store = null;
                else ForgetEntity(t.ActorRef);
                FinishHandOffWhenDone();
                break;
            case GetShardState: Sender.Tell(CurrentState(), Self); break;
            case HandOff or Passivate or EntityAdded or PassivateIdleTick or RestartEntity: break;
            default:
                // Already in the mailbox when the hand-off began: back to the region, which holds it until the shard's new home is known.
                Context.Parent.Tell(message, Sender);
                break;
        }
        return true;
    }

    private void Deliver(object message, IActorRef sender)
    {
        var id = _extractor.EntityId(message);
        if (id is null)
        {
            Log.LogNoEntityId(_typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(message, sender);
            return;
        }
        if (_buffers.TryGetValue(id, out var buffer))
        {
            buffer.Add((message, sender));
            return;
        }
        if (!_entities.TryGetValue(id, out var entity))
        {
            if (_store is not null && !_remembered.Contains(id))
            {
                // The entity runs only once its start is durable, so a crash right after cannot forget it.
                _buffers[id] = [(message, sender)];
                _store.Tell(new AddEntity(id), Self);
                return;
            }
            entity = CreateEntity(id);
        }
        if (_settings.PassivateIdleEntityAfter is not null) _lastActive[id] = Environment.TickCount64;
        entity.Tell(_extractor.EntityMessage(message), sender);
    }

    private void HandleStartEntity(string id)
    {
        if (_entities.ContainsKey(id) || _buffers.ContainsKey(id) || _store is null || _remembered.Contains(id))
        {
            if (!_entities.ContainsKey(id) && !_buffers.ContainsKey(id)) CreateEntity(id);
            Sender.Tell(new StartEntityAck(id, _shardId), Self);
            return;
        }
        _buffers[id] = [(new StartEntity(id), Sender)];
        _store.Tell(new AddEntity(id), Self);
    }

    private void HandleEntityAdded(string id)
    {
        _remembered.Add(id);
        if (!_buffers.Remove(id, out var buffer)) return;
        if (!_entities.ContainsKey(id)) CreateEntity(id);
        Flush(buffer);
    }

    private void Flush(List<(object Message, IActorRef Sender)> buffer)
    {
        foreach (var (message, sender) in buffer)
        {
            if (message is StartEntity start)
            {
                if (!_entities.ContainsKey(start.EntityId)) CreateEntity(start.EntityId);
                sender.Tell(new StartEntityAck(start.EntityId, _shardId), Self);
            }
            else Deliver(message, sender);
        }
    }

    private IActorRef CreateEntity(string id)
    {
        var entity = Context.ActorOf(_entityProps(id), Uri.EscapeDataString(id));
        Context.Watch(entity);
        _entities[id] = entity;
        _ids[entity] = id;
        if (_settings.PassivateIdleEntityAfter is not null) _lastActive[id] = Environment.TickCount64;
        return entity;
    }

    private void HandlePassivate(IActorRef entity, object stopMessage)
    {
        if (!_ids.TryGetValue(entity, out var id) || !_passivating.Add(entity)) return;
        _buffers.TryAdd(id, []);
        entity.Tell(stopMessage, Self);
    }

    private void PassivateIdle()
    {
        if (_settings.PassivateIdleEntityAfter is not { } idle) return;
        var cutoff = Environment.TickCount64 - (long)idle.TotalMilliseconds;
        foreach (var (id, last) in _lastActive.Where(e => e.Value <= cutoff).ToList())
            if (_entities.TryGetValue(id, out var entity)) HandlePassivate(entity, _handOffStopMessage);
    }

    private void HandleTerminated(IActorRef actor)
    {
        if (actor.Equals(_store))
        {
            HandleStoreStopped();
            return;
        }
        var wasPassivating = _passivating.Contains(actor);
        if (ForgetEntity(actor) is not { } id) return;
        if (wasPassivating)
        {
            if (_store is not null && _remembered.Remove(id)) _store.Tell(new RemoveEntity(id), Self);
            if (_buffers.Remove(id, out var buffer)) Flush(buffer);
        }
        else if (_store is not null && _remembered.Contains(id))
            Timers.StartSingleTimer(("restart", id), new RestartEntity(id), _settings.EntityRestartBackoff);
    }

    private void HandleRestart(string id)
    {
        if (_remembered.Contains(id) && !_entities.ContainsKey(id) && !_buffers.ContainsKey(id)) CreateEntity(id);
    }

    private string? ForgetEntity(IActorRef actor)
    {
        if (!_ids.Remove(actor, out var id)) return null;
        _entities.Remove(id);
        _lastActive.Remove(id);
        _passivating.Remove(actor);
        return id;
    }

    private void HandleStoreStopped()
    {
        Log.LogStoreStopped(_typeName, _shardId);
        Context.Stop(Self);
    }

    private void HandleHandOff(HandOff handOff)
    {
        _handOffRequester = Sender;
        _behavior = HandingOff;
        Timers.CancelAll();
        foreach (var (message, sender) in _buffers.Values.SelectMany(b => b)) Context.Parent.Tell(message, sender);
        _buffers.Clear();
        foreach (var entity in _entities.Values) entity.Tell(_handOffStopMessage, Self);
        _store?.Tell(new StopStore(), Self);
        FinishHandOffWhenDone();
    }

    private void FinishHandOffWhenDone()
    {
        if (_entities.Count > 0 || _store is not null) return;
        _handOffRequester?.Tell(new ShardStopped(_shardId), Context.Parent);
        Context.Stop(Self);
    }

    private ShardState CurrentState() => new(_shardId, _entities.Keys.ToList());
}
