using Orchestrator.Runtime.Persistence;
using static Orchestrator.Runtime.Sharding.RememberEntities;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// The journal of one shard's running entities (<c>sharding/{type}/{shard}</c>), a child of the shard when
/// remember-entities is on. It persists EntityStarted before an entity gets its first message and
/// EntityStopped when it is passivated; a shard that starts elsewhere after a move or crash recovers the set
/// and starts those entities again. Being the shard's child, it stops before the shard reports ShardStopped,
/// so two stores of one shard never write at once.
/// </summary>
internal sealed class RememberEntitiesStore : ReceivePersistentActor
{
    private const int SnapshotEvery = 500;
    private readonly HashSet<string> _entities = new(StringComparer.Ordinal);

    public RememberEntitiesStore(string typeName, string shardId)
    {
        RegisterManifests(Context.System.Serialization);
        PersistenceId = $"sharding/{typeName}/{shardId}";
        Recover<SnapshotOffer>(o => _entities.UnionWith(((RememberedSnapshot)o.Snapshot).EntityIds));
        Recover<EntityStarted>(e => _entities.Add(e.EntityId));
        Recover<EntityStopped>(e => _entities.Remove(e.EntityId));
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new RememberedEntities(_entities.ToList()), Self));
        Command<AddEntity>(HandleAdd);
        Command<RemoveEntity>(HandleRemove);
        Command<StopStore>(_ => Context.Stop(Self));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => Log.LogSnapshotFailed(PersistenceId, f.Cause));
    }

    public override string PersistenceId { get; }

    private void HandleAdd(AddEntity add)
    {
        if (_entities.Contains(add.EntityId))
        {
            Sender.Tell(new EntityAdded(add.EntityId), Self);
            return;
        }
        Persist(new EntityStarted(add.EntityId), e =>
        {
            _entities.Add(e.EntityId);
            Sender.Tell(new EntityAdded(e.EntityId), Self);
            SnapshotNow();
        });
    }

    private void HandleRemove(RemoveEntity remove)
    {
        if (!_entities.Contains(remove.EntityId)) return;
        Persist(new EntityStopped(remove.EntityId), e =>
        {
            _entities.Remove(e.EntityId);
            SnapshotNow();
        });
    }

    private void SnapshotNow()
    {
        if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(new RememberedSnapshot(_entities.ToList()));
    }
}
