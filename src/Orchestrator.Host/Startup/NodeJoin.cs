using Orchestrator.Actors.Admin;
using Orchestrator.Hocon;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Startup;

/// <summary>
/// <c>orch node --join HOST:PORT</c> as far as this build goes: it checks that the seed's control plane answers
/// with this node's cluster secret, then explains why it cannot run the worker yet. The node agent reaches the
/// object store across processes only once the store's protocol is serializable (its objects are typed by an
/// interface), which comes with cluster sharding; <see cref="Roles.WorkerRole.Start"/> is what will run then.
/// </summary>
public static class NodeJoin
{
    /// <summary>The message to exit with; a <see cref="StartupException"/> when the seed cannot be reached.</summary>
    public static async Task<string> Explain(string seed, Config config, HostSettings settings)
    {
        if (string.IsNullOrEmpty(config.GetString("orchestrator.remote.cluster-secret")))
            throw new StartupException("error: orch node needs the cluster's secret: set ORCH_CLUSTER_SECRET (the control plane keeps it in its data folder, file cluster-secret) or orchestrator.remote.cluster-secret.", 2);
        var address = $"orch.tcp://{settings.SystemName}@{seed}";
        var system = ActorSystem.Create(settings.SystemName, config);
        try
        {
            await system.ActorSelection(address + Receptionist.Path).ResolveOne(settings.JoinTimeout).ConfigureAwait(false);
        }
        catch (ActorNotFoundException)
        {
            throw new StartupException($"error: the seed {seed} did not answer within {settings.JoinTimeout.TotalSeconds:0} s: is a control plane (`orch up` or `orch host`) running there, and is this node's cluster secret the same as its?", 6);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }

        return $"error: the seed {seed} answers, but this build cannot run a worker node yet: the object store's protocol does not cross processes " +
               "until cluster sharding lands (docs/orchctl.md, \"Not yet available\"). Run pods on the `orch up` node for now.";
    }
}
