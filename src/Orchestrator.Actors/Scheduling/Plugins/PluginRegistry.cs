using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Settings;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// The one list of plugins and their order: filters cheapest and most selective first, as
/// kube-scheduler's default profile (cordon, node name, taints, node affinity, ports, resources,
/// topology spread, inter-pod affinity), and the default score weights.
/// </summary>
public static class PluginRegistry
{
    /// <summary>kube-scheduler's default score weights.</summary>
    public static IReadOnlyDictionary<string, int> DefaultWeights { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [TaintToleration.PluginName] = 3,
        [NodeAffinity.PluginName] = 2,
        [PodTopologySpread.PluginName] = 2,
        [InterPodAffinity.PluginName] = 2,
        [NodeResourcesFit.PluginName] = 1,
        [BalancedAllocation.PluginName] = 1,
    };

    /// <summary>Every plugin, in the order the framework runs them.</summary>
    public static IReadOnlyList<IPlugin> DefaultPlugins(int hardPodAffinityWeight = 1) =>
    [
        new NodeUnschedulable(),
        new NodeName(),
        new TaintToleration(),
        new NodeAffinity(),
        new NodePorts(),
        new NodeResourcesFit(),
        new PodTopologySpread(),
        new InterPodAffinity(hardPodAffinityWeight),
        new BalancedAllocation(),
    ];

    /// <summary>The default profile configured by <paramref name="settings"/>.</summary>
    public static SchedulingFramework CreateFramework(SchedulerSettings settings, Random? random = null)
    {
        var weights = new Dictionary<string, int>(DefaultWeights, StringComparer.Ordinal);
        foreach (var (name, weight) in settings.ScoreWeights) weights[name] = weight;
        return new SchedulingFramework(DefaultPlugins(settings.HardPodAffinityWeight), weights, settings.PercentageOfNodesToScore, random);
    }
}
