using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// The wire names of the admin protocol and the receptionist's messages. Both ends (the control-plane
/// process and the <c>orchctl</c> client) register them before any message crosses; the names are
/// versioned so a later change of a message is a new manifest, never a silent misreading.
/// </summary>
public static class AdminManifests
{
    /// <summary>Registers every admin message with <paramref name="system"/>'s serialization (idempotent).</summary>
    public static void Register(ActorSystem system)
    {
        // logs and exec relay the node agent's own messages to the client.
        NodeApi.NodeApiManifests.Register(system);
        system.Serialization
            .Register<RegisterService>("admin-register-service/v1")
            .Register<LocateService>("admin-locate-service/v1")
            .Register<ServiceLocated>("admin-service-located/v1")
            .Register<WriteObjects>("admin-write-objects/v1")
            .Register<AdminResult>("admin-result/v1")
            .Register<AdminFailed>("admin-failed/v1")
            .Register<GetObjects>("admin-get-objects/v1")
            .Register<ObjectsFound>("admin-objects-found/v1")
            .Register<WatchResources>("admin-watch-resources/v1")
            .Register<WatchOpened>("admin-watch-opened/v1")
            .Register<ObjectWatched>("admin-object-watched/v1")
            .Register<WatchEnded>("admin-watch-ended/v1")
            .Register<StopWatching>("admin-stop-watching/v1")
            .Register<GetClusterMembers>("admin-get-cluster-members/v1")
            .Register<ClusterMembersListed>("admin-cluster-members-listed/v1")
            .Register<DescribeObjects>("admin-describe-objects/v1")
            .Register<ObjectsDescribed>("admin-objects-described/v1")
            .Register<DeleteObjects>("admin-delete-objects/v1")
            .Register<ScaleObjects>("admin-scale-objects/v1")
            .Register<ChangeMetadata>("admin-change-metadata/v1")
            .Register<CordonNode>("admin-cordon-node/v1")
            .Register<DrainNode>("admin-drain-node/v1")
            .Register<RolloutCommand>("admin-rollout-command/v1")
            .Register<RolloutHistory>("admin-rollout-history/v1")
            .Register<PodLogs>("admin-pod-logs/v1")
            .Register<PodExec>("admin-pod-exec/v2")
            .Register<ContainerSelected>("admin-container-selected/v1");
    }
}
