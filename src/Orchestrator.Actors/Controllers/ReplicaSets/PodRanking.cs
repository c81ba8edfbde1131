using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.ReplicaSets;

/// <summary>
/// The order in which a scale-down deletes pods, cheapest loss first (Kubernetes' ActivePods order):
/// unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; ready for a
/// shorter time before longer; more container restarts before fewer; newer before older.
/// </summary>
public sealed class PodRanking : IComparer<Pod>
{
    /// <summary>The one instance.</summary>
    public static PodRanking Instance { get; } = new();

    /// <summary>The first <paramref name="count"/> pods to delete.</summary>
    public static IReadOnlyList<Pod> ToDelete(IEnumerable<Pod> pods, int count) => pods.Order(Instance).Take(count).ToList();

    /// <summary>Negative when <paramref name="x"/> should be deleted before <paramref name="y"/>.</summary>
    public int Compare(Pod? x, Pod? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var assigned = Assigned(x).CompareTo(Assigned(y));
        if (assigned != 0)
        {
            return assigned;
        }

        var phase = PhaseRank(x).CompareTo(PhaseRank(y));
        if (phase != 0)
        {
            return phase;
        }

        var ready = PodConditions.IsReady(x).CompareTo(PodConditions.IsReady(y));
        if (ready != 0)
        {
            return ready;
        }

        if (PodConditions.IsReady(x))
        {
            // Ready more recently goes first.
            var since = (PodConditions.ReadyCondition(y)?.LastTransitionTime ?? DateTimeOffset.MinValue)
                .CompareTo(PodConditions.ReadyCondition(x)?.LastTransitionTime ?? DateTimeOffset.MinValue);
            if (since != 0)
            {
                return since;
            }
        }

        var restarts = Restarts(y).CompareTo(Restarts(x));
        if (restarts != 0)
        {
            return restarts;
        }

        var age = (y.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).CompareTo(x.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue);
        return age != 0 ? age : string.CompareOrdinal(x.Metadata.Name, y.Metadata.Name);
    }

    private static bool Assigned(Pod pod) => !string.IsNullOrEmpty(pod.Spec.NodeName);

    private static int PhaseRank(Pod pod) => pod.Status?.Phase switch
    {
        PodPhase.Pending or null => 0,
        PodPhase.Running => 2,
        _ => 1,
    };

    private static int Restarts(Pod pod) => pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0;
}
