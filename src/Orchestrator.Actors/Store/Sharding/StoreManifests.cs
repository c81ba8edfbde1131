using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Store.Sharding;

/// <summary>
/// The wire names of the store's protocol, so object commands, replies, lists and watch events cross
/// between cluster members (a front on one member, the entity's shard on another). Objects travel in
/// their Kubernetes JSON shape and come back as their own type. Versioned: a changed message is a new
/// manifest, never a silent misreading.
/// </summary>
public static class StoreManifests
{
    /// <summary>Registers every store message with <paramref name="system"/>'s serialization (idempotent).</summary>
    public static void Register(ActorSystem system)
    {
        ResourceEventManifests.Register(system);
        system.Serialization
            .Register<CreateObject>("store-create-object/v1")
            .Register<GetObject>("store-get-object/v1")
            .Register<UpdateObject>("store-update-object/v1")
            .Register<UpdateObjectStatus>("store-update-object-status/v1")
            .Register<PatchObject>("store-patch-object/v1")
            .Register<DeleteObject>("store-delete-object/v1")
            .Register<ObjectReply>("store-object-reply/v1")
            .Register<StatusError>("store-status-error/v1")
            .Register<ListObjects>("store-list-objects/v1")
            .Register<ObjectList>("store-object-list/v1")
            .Register<WatchObjects>("store-watch-objects/v1")
            .Register<WatchStarted>("store-watch-started/v1")
            .Register<WatchEvent>("store-watch-event/v1")
            .Register<CancelWatch>("store-cancel-watch/v1");
    }
}
