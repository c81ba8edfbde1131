using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>The preferred (scoring) half of <see cref="InterPodAffinity"/>.</summary>
public sealed partial class InterPodAffinity : IPreScorePlugin, IScorePlugin
{
    private const string ScoreKey = PluginName + "/score";

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> feasible, ClusterSnapshot snapshot)
    {
        var hasPreferred = pod.PreferredAffinity.Length + pod.PreferredAntiAffinity.Length > 0;
        if (!hasPreferred && snapshot.PodsWithAffinity == 0) return Status.Skip;
        var scores = new Dictionary<TopologyPair, long>();
        foreach (var node in snapshot.Nodes)
        {
            var candidates = hasPreferred ? node.Pods : node.PodsWithAffinity;
            foreach (var existing in candidates)
            {
                foreach (var term in pod.PreferredAffinity)
                {
                    if (term.Matches(existing)) Increment(scores, node, term.TopologyKey, (long)term.Weight);
                }

                foreach (var term in pod.PreferredAntiAffinity)
                {
                    if (term.Matches(existing)) Increment(scores, node, term.TopologyKey, -(long)term.Weight);
                }

                if (!existing.HasAffinity) continue;
                if (_hardPodAffinityWeight > 0)
                {
                    foreach (var term in existing.RequiredAffinity)
                    {
                        if (term.Matches(pod)) Increment(scores, node, term.TopologyKey, (long)_hardPodAffinityWeight);
                    }
                }

                foreach (var term in existing.PreferredAffinity)
                {
                    if (term.Matches(pod)) Increment(scores, node, term.TopologyKey, (long)term.Weight);
                }

                foreach (var term in existing.PreferredAntiAffinity)
                {
                    if (term.Matches(pod)) Increment(scores, node, term.TopologyKey, -(long)term.Weight);
                }
            }
        }

        if (scores.Count == 0) return Status.Skip;
        state.Write(ScoreKey, scores);
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var scores = state.Read<Dictionary<TopologyPair, long>>(ScoreKey)!;
        long sum = 0;
        foreach (var (pair, score) in scores)
        {
            if (node.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value) sum += score;
        }

        return sum;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var s in scores)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }

        var range = max - min;
        for (var i = 0; i < scores.Length; i++) scores[i] = range > 0 ? Scores.MaxNodeScore * (scores[i] - min) / range : 0;
    }
}
