using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Registry;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Sharding;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// One API object as a persistent actor (persistence id = <see cref="ObjectKey.PersistenceId"/>).
/// Commands are decided by the pure <see cref="ObjectRules"/> and <see cref="DeletionRules"/>;
/// events are tagged with the kind and <c>all-objects</c>; the reply is sent once the event is
/// durable and carries the object at its new resourceVersion (the event's journal ordering).
/// </summary>
/// <remarks>
/// Its parent is the <see cref="Front.ObjectStore"/> (one process) or a shard of the
/// <see cref="Sharding.StoreSharding"/> region (a cluster); both understand <see cref="Passivate"/>.
/// </remarks>
public sealed class ResourceEntity : ReceivePersistentActor
{
    private readonly ObjectKey _key;
    private readonly ResourceType _type;
    private readonly string[] _tags;
    private ResourceState _state = ResourceState.Empty;
    private readonly int _snapshotEvery;

    /// <summary>
    /// The entity of <paramref name="key"/>; idle longer than <paramref name="passivationTimeout"/> it asks
    /// its parent to stop it; every <paramref name="snapshotEvery"/> events (0: never) it saves a snapshot.
    /// </summary>
    public ResourceEntity(ObjectKey key, ResourceType type, TimeSpan? passivationTimeout, int snapshotEvery = 0)
    {
        _snapshotEvery = snapshotEvery;
        _key = key;
        _type = type;
        _tags = [type.Kind, ResourceEventManifests.AllObjectsTag];
        PersistenceId = key.PersistenceId;
        if (passivationTimeout is { } timeout) SetReceiveTimeout(timeout);

        Recover<SnapshotOffer>(o => _state = ResourceState.FromSnapshot((ResourceSnapshot)o.Snapshot));
        // Replay knows each event's journal ordering, so the recovered object carries its resourceVersion.
        Recover<ResourceEvent>(e => _state = _state.Apply(e, LastOrdering));

        Command<CreateObject>(c => Decide(ObjectRules.Create(_state, _type, c.Object, Now(), Guid.NewGuid().ToString())));
        Command<GetObject>(_ => HandleGet());
        Command<UpdateObject>(c => Decide(ObjectRules.Update(_state, _type, c.Object)));
        Command<UpdateObjectStatus>(c => Decide(ObjectRules.UpdateStatus(_state, _type, c.Object)));
        Command<PatchObject>(c => Decide(ObjectRules.Patch(_state, _type, c)));
        Command<DeleteObject>(c => Decide(DeletionRules.Delete(_state, _type, _key, c.Options, Now())));
        Command<BindPod>(c => Decide(BindingRules.Bind(_state, _type, c, Now())));
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(StopEntity.Instance), Self));
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { }); // the events are durable; only recovery gets slower
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>
    /// A create can only succeed on an object with no events, so a new entity handles it without recovering: the
    /// journal refuses its first event if the object has a history, and it then recovers and answers AlreadyExists
    /// (or creates it again after a deletion, at the next sequence number).
    /// </summary>
    protected override Predicate<object>? SkipsRecoveryFor => IsCreate;

    private static bool IsCreate(object message) => message is CreateObject;

    private static DateTimeOffset Now()
    {
        // Kubernetes timestamps have second precision; keeping more would not survive a round trip.
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private void HandleGet() =>
        Sender.Tell(_state.Exists
            ? new ObjectReply(ObjectCodec.Copy(_state.Object!))
            : ObjectReply.Failed(Errors.StatusError.NotFound(_type.GroupResource, _key.Name)), Self);

    private void Decide(Decision decision)
    {
        if (decision.Error is { } error)
        {
            Sender.Tell(ObjectReply.Failed(error), Self);
            return;
        }

        if (decision.Events.Count == 0)
        {
            Sender.Tell(new ObjectReply(ObjectCodec.Copy(decision.Unchanged!)), Self);
            return;
        }

        var last = decision.Events[^1];
        PersistAll(decision.Events.Select(e => new Tagged(e, _tags)), tagged =>
        {
            var e = (ResourceEvent)tagged.Payload;
            _state = _state.Apply(e, LastOrdering);
            if (!ReferenceEquals(e, last)) return;
            if (_snapshotEvery > 0 && LastSequenceNr % _snapshotEvery < decision.Events.Count) SaveSnapshot(_state.ToSnapshot());
            // The caller gets its own instance, decoded from the event like the state's.
            var copy = ObjectCodec.FromNode(e.Object, _type);
            copy.Metadata.ResourceVersion = ObjectCodec.FormatVersion(LastOrdering);
            Sender.Tell(new ObjectReply(copy, Removed: e is ObjectRemoved), Self);
        });
    }
}
