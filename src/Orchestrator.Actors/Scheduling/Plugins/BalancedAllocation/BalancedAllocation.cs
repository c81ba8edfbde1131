using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// Score: prefers nodes whose cpu and memory would be used in equal shares after placing the pod
/// (100 × (1 − standard deviation of the two fractions)), so one resource is not exhausted while the
/// other stays idle.
/// </summary>
public sealed class BalancedAllocation : IScorePlugin
{
    /// <summary>The plugin's name, as kube-scheduler's.</summary>
    public const string PluginName = "NodeResourcesBalancedAllocation";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var cpu = Fraction(node.NonZeroRequested.MilliCpu + pod.NonZeroRequests.MilliCpu, node.Allocatable.MilliCpu);
        var memory = Fraction(node.NonZeroRequested.MemoryBytes + pod.NonZeroRequests.MemoryBytes, node.Allocatable.MemoryBytes);
        // The standard deviation of two values is half their distance.
        var deviation = Math.Abs(cpu - memory) / 2;
        return (long)((1 - deviation) * Scores.MaxNodeScore);
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        // Already 0-100.
    }

    private static double Fraction(long requested, long capacity) =>
        capacity == 0 ? 1 : Math.Min(1.0, (double)requested / capacity);
}
