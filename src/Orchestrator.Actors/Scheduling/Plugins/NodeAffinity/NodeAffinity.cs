using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// Filter: the node must carry every label of spec.nodeSelector and match a term of the required
/// node affinity. Score: the sum of the weights of the preferred terms the node matches, scaled so
/// the best node gets 100.
/// </summary>
public sealed class NodeAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "NodeAffinity";

    /// <summary>The rejection reason.</summary>
    public const string ReasonMismatch = "node(s) didn't match Pod's node affinity/selector";

    private const string PreferredKey = PluginName + "/preferred";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded | ClusterEvents.NodeUpdated;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        var spec = pod.Pod.Spec;
        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (spec.NodeSelector is not { Count: > 0 } && required is null) return Status.Skip;
        state.Write(PluginName, new Required(spec.NodeSelector, required is null ? null : NodeSelectorMatcher.Compile(required.NodeSelectorTerms)));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var required = state.Read<Required>(PluginName);
        if (required is null) return Status.Success;
        if (required.Selector is { } selector)
        {
            foreach (var (key, value) in selector)
            {
                if (!node.Labels.TryGetValue(key, out var actual) || actual != value) return Status.Unresolvable(ReasonMismatch);
            }
        }

        return required.Terms is null || required.Terms.MatchesAny(node) ? Status.Success : Status.Unresolvable(ReasonMismatch);
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> feasible, ClusterSnapshot snapshot)
    {
        var preferred = pod.Pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is not { Count: > 0 }) return Status.Skip;
        state.Write(PreferredKey, NodeSelectorMatcher.CompilePreferred(preferred));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        state.Read<NodeSelectorMatcher>(PreferredKey)?.MatchingWeight(node) ?? 0;

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) => Scores.DefaultNormalize(scores, reverse: false);

    private sealed record Required(Dictionary<string, string>? Selector, NodeSelectorMatcher? Terms);
}
