using System.Globalization;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.StatefulSets;

/// <summary>What one StatefulSet sync does.</summary>
/// <param name="Create">Ordinals to create (at the update revision).</param>
/// <param name="Delete">Pods to delete: condemned (ordinal ≥ replicas), failed, or replaced by a rolling update.</param>
/// <param name="Status">The StatefulSet's status.</param>
public sealed record StatefulSetPlan(IReadOnlyList<int> Create, IReadOnlyList<Pod> Delete, StatefulSetStatus Status);

/// <summary>
/// The StatefulSet decision (pure). Pods are named <c>&lt;name&gt;-&lt;ordinal&gt;</c> for ordinals 0..replicas−1.
/// OrderedReady (the default) creates ordinal i only when every lower one is Running and Ready, and on scale-down
/// deletes the highest ordinal first, one at a time, only while the others are healthy; Parallel creates and
/// deletes them all at once. RollingUpdate replaces, from the highest ordinal down to <c>partition</c>, one pod
/// at a time whose revision is not the update revision, waiting for every pod to be Running and Ready between
/// two; OnDelete replaces only pods someone else deleted. A failed pod is deleted and made again.
/// </summary>
public static class StatefulSetRules
{
    /// <summary>Label with the revision (<c>&lt;name&gt;-&lt;hash&gt;</c>) a pod was made from.</summary>
    public const string RevisionLabel = "controller-revision-hash";

    /// <summary>Label with the pod's own name, so a Service can select one pod.</summary>
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";

    /// <summary>Label with the pod's ordinal.</summary>
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <summary>The name of ordinal <paramref name="ordinal"/>.</summary>
    public static string PodName(StatefulSet set, int ordinal) => $"{set.Metadata.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ordinal of <paramref name="pod"/> in <paramref name="set"/>, or -1 when its name is not of the set.</summary>
    public static int OrdinalOf(StatefulSet set, Pod pod)
    {
        var prefix = set.Metadata.Name + "-";
        var name = pod.Metadata.Name ?? "";
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            && PodName(set, ordinal) == name ? ordinal : -1;
    }

    /// <summary>Decides the sync of <paramref name="set"/> with its <paramref name="pods"/>; <paramref name="updateRevision"/> is the template's revision.</summary>
    public static StatefulSetPlan Plan(StatefulSet set, IReadOnlyList<Pod> pods, string updateRevision)
    {
        var replicas = set.Spec.Replicas ?? 1;
        var parallel = set.Spec.PodManagementPolicy == "Parallel";
        var byOrdinal = new SortedDictionary<int, Pod>();
        var delete = new List<Pod>();
        foreach (var pod in pods)
        {
            var ordinal = OrdinalOf(set, pod);
            if (ordinal < 0) continue;
            if (!byOrdinal.TryAdd(ordinal, pod) && pod.Metadata.DeletionTimestamp is null) delete.Add(pod);
        }

        var currentRevision = set.Status?.CurrentRevision ?? updateRevision;
        var status = StatusOf(set, byOrdinal.Values.ToList(), currentRevision, updateRevision);
        var create = new List<int>();

        // Bring ordinals 0..replicas-1 up, in order unless Parallel.
        var blocked = false;
        for (var i = 0; i < replicas && !blocked; i++)
        {
            if (!byOrdinal.TryGetValue(i, out var pod))
            {
                create.Add(i);
                blocked = !parallel;
            }
            else if (pod.Status?.Phase == PodPhase.Failed && pod.Metadata.DeletionTimestamp is null)
            {
                delete.Add(pod);
                blocked = !parallel;
            }
            else if (!IsHealthy(pod))
            {
                blocked = !parallel;
            }
        }

        var condemned = byOrdinal.Where(p => p.Key >= replicas).OrderByDescending(p => p.Key).Select(p => p.Value).ToList();
        if (parallel)
        {
            delete.AddRange(condemned.Where(p => p.Metadata.DeletionTimestamp is null));
        }
        else if (!blocked && condemned.Count > 0)
        {
            // Highest first; the next only once it is gone and the rest are healthy.
            var highest = condemned[0];
            var othersHealthy = byOrdinal.Where(p => p.Key < replicas).All(p => IsHealthy(p.Value));
            if (highest.Metadata.DeletionTimestamp is null && othersHealthy) delete.Add(highest);
            blocked = true;
        }

        var allHealthy = !blocked && create.Count == 0 && condemned.Count == 0 && byOrdinal.Values.All(IsHealthy);
        if (allHealthy && set.Spec.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            var partition = set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
            var stale = byOrdinal.Where(p => p.Key >= partition && p.Key < replicas && RevisionOf(p.Value) != updateRevision)
                .OrderByDescending(p => p.Key).Select(p => p.Value).FirstOrDefault();
            if (stale is not null) delete.Add(stale);
        }

        return new StatefulSetPlan(create, delete.Distinct().ToList(), status);
    }

    /// <summary>Running and Ready, and not being deleted.</summary>
    public static bool IsHealthy(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase == PodPhase.Running && PodConditions.IsReady(pod);

    /// <summary>The revision label of <paramref name="pod"/>.</summary>
    public static string? RevisionOf(Pod pod) => pod.Metadata.Labels?.GetValueOrDefault(RevisionLabel);

    /// <summary>Names, labels and host identity a pod of ordinal <paramref name="ordinal"/> gets (in place on a pod made from the template).</summary>
    public static void Identify(Pod pod, StatefulSet set, int ordinal, string revision)
    {
        var name = PodName(set, ordinal);
        pod.Metadata.Name = name;
        pod.Metadata.GenerateName = null;
        var labels = pod.Metadata.Labels ??= [];
        labels[RevisionLabel] = revision;
        labels[PodNameLabel] = name;
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        pod.Spec.Hostname = name;
        if (!string.IsNullOrEmpty(set.Spec.ServiceName)) pod.Spec.Subdomain = set.Spec.ServiceName;
    }

    private static StatefulSetStatus StatusOf(StatefulSet set, List<Pod> pods, string currentRevision, string updateRevision)
    {
        var live = pods.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        var updated = live.Count(p => RevisionOf(p) == updateRevision);
        var replicas = set.Spec.Replicas ?? 1;
        var ready = live.Count(IsHealthy);
        // The update is complete once every wanted pod runs the update revision: it becomes the current one.
        var current = updated == replicas && live.Count == replicas && ready == replicas ? updateRevision : currentRevision;
        return new StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = live.Count,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            CurrentReplicas = live.Count(p => RevisionOf(p) == current),
            UpdatedReplicas = updated,
            CurrentRevision = current,
            UpdateRevision = updateRevision,
            CollisionCount = set.Status?.CollisionCount,
            Conditions = set.Status?.Conditions,
        };
    }
}
