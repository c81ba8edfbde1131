using Orchestrator.Runtime.Persistence.Storage;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Persistence.Snapshot;

/// <summary>Fronts one <see cref="ISnapshotStorage"/>; every call is awaited off the actor and answered to the requester.</summary>
internal sealed class SnapshotStoreActor(ISnapshotStorage storage, SerializationRegistry serialization) : StorageFrontActor
{
    private const int MaxLoadBatch = 500;

    private readonly List<(LoadSnapshot Load, IActorRef ReplyTo)> _loads = [];
    private bool _loading;

    protected override string StorageName => "snapshot storage";

    protected override Task InitializeStorage() => storage.InitializeAsync();

    protected override bool FailRequest(object message, Exception cause)
    {
        switch (message)
        {
            case LoadSnapshot load: Sender.Tell(new LoadSnapshotFailed(cause, load.ActorInstanceId), Self); return true;
            case SaveSnapshot save: Sender.Tell(new SaveSnapshotFailure(save.Metadata, cause), Self); return true;
            case DeleteSnapshots delete: Sender.Tell(new DeleteSnapshotsFailure(delete.Criteria, cause), Self); return true;
            default: return false;
        }
    }

    protected override bool HandleRequest(object message)
    {
        switch (message)
        {
            case LoadSnapshot load: HandleLoad(load); return true;
            case LoadBatchCompleted:
                _loading = false;
                if (_loads.Count > 0) FlushLoads();
                return true;
            case SaveSnapshot save: HandleSave(save); return true;
            case DeleteSnapshots delete: HandleDelete(delete); return true;
            default: return false;
        }
    }

    private void HandleLoad(LoadSnapshot load)
    {
        if (load.Criteria != SnapshotCriteria.Latest)
        {
            storage.LoadAsync(load.PersistenceId, load.Criteria).PipeTo(Sender, Self, repr => Loaded(load, repr),
                cause => new LoadSnapshotFailed(cause, load.ActorInstanceId));
            return;
        }

        // The latest snapshot (what every recovery asks): batched, one query for the loads that queued
        // while the previous query ran.
        _loads.Add((load, Sender));
        if (!_loading) FlushLoads();
    }

    private void FlushLoads()
    {
        var batch = _loads.GetRange(0, Math.Min(_loads.Count, MaxLoadBatch));
        _loads.RemoveRange(0, batch.Count);
        _loading = true;
        _ = LoadBatchAsync(batch);
    }

    private async Task LoadBatchAsync(List<(LoadSnapshot Load, IActorRef ReplyTo)> batch)
    {
        var self = Self;
        try
        {
            var found = await storage.LoadLatestManyAsync(batch.ConvertAll(b => b.Load.PersistenceId)).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++) batch[i].ReplyTo.Tell(Loaded(batch[i].Load, found[i]), self);
        }
        catch (Exception e)
        {
            foreach (var (load, replyTo) in batch) replyTo.Tell(new LoadSnapshotFailed(e, load.ActorInstanceId), self);
        }
        finally
        {
            self.Tell(LoadBatchCompleted.Instance, self);
        }
    }

    private object Loaded(LoadSnapshot load, SnapshotRepr? repr)
    {
        if (repr is null) return new LoadSnapshotResult(null, load.ActorInstanceId);
        try
        {
            var snapshot = serialization.Deserialize(repr.Manifest, repr.Payload);
            var metadata = new SnapshotMetadata(repr.PersistenceId, repr.SequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(repr.Timestamp));
            return new LoadSnapshotResult(new SnapshotOffer(metadata, snapshot), load.ActorInstanceId);
        }
        catch (Exception e)
        {
            return new LoadSnapshotFailed(e, load.ActorInstanceId);
        }
    }

    private void HandleSave(SaveSnapshot save)
    {
        var replyTo = Sender;
        SnapshotRepr repr;
        try
        {
            var (manifest, payload) = serialization.Serialize(save.Snapshot);
            repr = new SnapshotRepr(save.Metadata.PersistenceId, save.Metadata.SequenceNr, save.Metadata.Timestamp.ToUnixTimeMilliseconds(), manifest, payload);
        }
        catch (Exception e)
        {
            replyTo.Tell(new SaveSnapshotFailure(save.Metadata, e), Self);
            return;
        }
        storage.SaveAsync(repr).PipeTo(replyTo, Self,
            () => new SaveSnapshotSuccess(save.Metadata),
            cause => new SaveSnapshotFailure(save.Metadata, cause));
    }

    private void HandleDelete(DeleteSnapshots delete)
    {
        var replyTo = Sender;
        storage.DeleteAsync(delete.PersistenceId, delete.Criteria).PipeTo(replyTo, Self,
            () => new DeleteSnapshotsSuccess(delete.Criteria),
            cause => new DeleteSnapshotsFailure(delete.Criteria, cause));
    }
}
