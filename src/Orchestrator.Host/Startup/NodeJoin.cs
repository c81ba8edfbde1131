using Orchestrator.Actors.Store.Sharding;
using Orchestrator.Hocon;
using Orchestrator.Host.Roles;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Startup;

/// <summary>
/// <c>orch node --join HOST:PORT</c>: finds the control plane at the seed with this node's cluster secret and
/// returns the object store there, which the node agent then uses across processes (as a kubelet uses the
/// apiserver). The node does not become a cluster member: a worker holds no shard and no singleton, and a
/// dead worker is noticed through its Node lease by the node lifecycle controller.
/// </summary>
public static class NodeJoin
{
    /// <summary>Fails with the reason (exit 2) when no cluster secret is configured.</summary>
    public static void RequireSecret(Config config)
    {
        if (string.IsNullOrEmpty(config.GetString("orchestrator.remote.cluster-secret")))
            throw new StartupException("error: orch node needs the cluster's secret: set ORCH_CLUSTER_SECRET (the control plane keeps it in its data folder, file cluster-secret) or orchestrator.remote.cluster-secret.", 2);
    }

    /// <summary>The object store of the control plane at <paramref name="seed"/>; a <see cref="StartupException"/> (exit 6) when it does not answer.</summary>
    public static async Task<IActorRef> ResolveStoreAsync(ActorSystem system, string seed, HostSettings settings)
    {
        // The node agent's conversation with the store crosses processes: both ends need the store's wire names.
        StoreManifests.Register(system);
        var address = $"orch.tcp://{settings.SystemName}@{seed}";
        try
        {
            return await system.ActorSelection($"{address}/user/{ControlPlaneRole.StoreName}").ResolveOne(settings.JoinTimeout).ConfigureAwait(false);
        }
        catch (ActorNotFoundException)
        {
            throw new StartupException($"error: the seed {seed} did not answer within {settings.JoinTimeout.TotalSeconds:0} s: is a control plane (`orch up` or `orch host`) running there, and is this node's cluster secret the same as its?", 6);
        }
    }
}
