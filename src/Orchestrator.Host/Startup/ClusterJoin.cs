using System.Globalization;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Host.Startup;

/// <summary>
/// How a control-plane process (<c>orch host</c>, <c>orch up</c>) becomes a cluster member: through the seed
/// nodes (the <c>--seed HOST:PORT</c> flags, else <c>orchestrator.cluster.seed-nodes</c> or
/// <c>ORCH_SEED_NODES</c>); with none it starts a cluster of its own, as the first host does.
/// </summary>
public static class ClusterJoin
{
    /// <summary>
    /// <paramref name="config"/> with <paramref name="seeds"/> (each <c>HOST:PORT</c> or a full
    /// <c>orch.tcp://</c> address) as the seed nodes, winning over the file and the environment; unchanged when none.
    /// </summary>
    public static Config WithSeeds(Config config, IReadOnlyList<string> seeds, string systemName)
    {
        var result = seeds.Count == 0 ? config : ClusterSettings.WithSeedNodes(config, seeds.Select(seed => SeedAddress(seed, systemName)).ToList());
        try
        {
            // Read now, so a bad seed address in the file or ORCH_SEED_NODES fails before any port is bound.
            _ = ClusterSettings.Read(result);
        }
        catch (ConfigException e)
        {
            throw new StartupException($"error: bad configuration: {e.Message}", 2, e);
        }

        return result;
    }

    /// <summary>The seed's address: <c>HOST:PORT</c> becomes <c>orch.tcp://system@HOST:PORT</c>; a bad one exits 2 naming it.</summary>
    public static string SeedAddress(string seed, string systemName)
    {
        if (seed.StartsWith("orch.tcp://", StringComparison.Ordinal)) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new StartupException($"error: --seed {seed}: expected HOST:PORT of a running control-plane member, e.g. 127.0.0.1:2552", 2);
        return $"orch.tcp://{systemName}@{seed}";
    }

    /// <summary>
    /// Joins the configured seeds (or, with none, starts a cluster of its own) and waits until this member is Up
    /// (true) or the system was stopped meanwhile, by a signal (false); a <see cref="StartupException"/> (exit 6)
    /// naming the seeds when neither happens within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> JoinAsync(ActorSystem system, TimeSpan timeout)
    {
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        // Seeds in the configuration are joined by the cluster itself at start; without any, this is the first host.
        if (cluster.Settings.SeedNodes.Count == 0) cluster.Join(cluster.SelfAddress);
        var first = await Task.WhenAny(up.Task, system.WhenTerminated, Task.Delay(timeout)).ConfigureAwait(false);
        if (first == up.Task) return true;
        if (first == system.WhenTerminated) return false;
        await system.Terminate().ConfigureAwait(false);
        var seeds = string.Join(", ", cluster.Settings.SeedNodes);
        throw new StartupException($"error: this process did not become a cluster member within {timeout.TotalSeconds:0} s: no seed answered ({seeds}). " +
            "Is a control-plane member running there, with the same cluster secret (ORCH_CLUSTER_SECRET) and system name?", 6);
    }
}
