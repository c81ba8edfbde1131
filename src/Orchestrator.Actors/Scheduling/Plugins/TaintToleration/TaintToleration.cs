using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// Filter: a node with a NoSchedule or NoExecute taint the pod does not tolerate is rejected.
/// Score: fewer untolerated PreferNoSchedule taints rank higher (reverse-normalised count).
/// </summary>
public sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "TaintToleration";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public ClusterEvents RetryOn => ClusterEvents.NodeAdded | ClusterEvents.NodeUpdated;

    /// <summary>The rejection reason for <paramref name="key"/>=<paramref name="value"/>, worded as kube-scheduler's.</summary>
    public static string ReasonUntolerated(string key, string? value) => $"node(s) had untolerated taint {{{key}: {value}}}";

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var taints = node.Taints;
        for (var i = 0; i < taints.Length; i++)
        {
            var taint = taints[i];
            if (taint.Effect is not (Tolerations.NoSchedule or Tolerations.NoExecute)) continue;
            if (!Tolerations.AnyTolerates(pod.Tolerations, taint)) return Status.Unresolvable(ReasonUntolerated(taint.Key, taint.Value));
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        long count = 0;
        foreach (var taint in node.Taints)
        {
            if (taint.Effect != Tolerations.PreferNoSchedule) continue;
            var tolerated = false;
            foreach (var toleration in pod.Tolerations)
            {
                if (toleration.Effect is null or "" or Tolerations.PreferNoSchedule && Tolerations.Tolerates(toleration, taint))
                {
                    tolerated = true;
                    break;
                }
            }

            if (!tolerated) count++;
        }

        return count;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) => Scores.DefaultNormalize(scores, reverse: true);
}
