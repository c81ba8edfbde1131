using Orchestrator.Runtime.Persistence.Storage;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Persistence.Snapshot;

/// <summary>Fronts one <see cref="ISnapshotStorage"/>; every call is awaited off the actor and answered to the requester.</summary>
internal sealed class SnapshotStoreActor(ISnapshotStorage storage, SerializationRegistry serialization) : StorageFrontActor
{
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
            case SaveSnapshot save: HandleSave(save); return true;
            case DeleteSnapshots delete: HandleDelete(delete); return true;
            default: return false;
        }
    }

    private void HandleLoad(LoadSnapshot load)
    {
        var replyTo = Sender;
        storage.LoadAsync(load.PersistenceId, load.Criteria).PipeTo(replyTo, Self,
            repr =>
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
            },
            cause => new LoadSnapshotFailed(cause, load.ActorInstanceId));
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
