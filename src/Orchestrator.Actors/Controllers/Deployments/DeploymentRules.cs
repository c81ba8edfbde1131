using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>
/// The Deployment controller's decisions as one pure function: from a Deployment and its ReplicaSets (with pod
/// counts) to the ReplicaSets to create, scale, re-number and delete, and the Deployment's status.
/// </summary>
public static class DeploymentRules
{
    /// <summary>Default spec.revisionHistoryLimit.</summary>
    public const int DefaultRevisionHistoryLimit = 10;

    /// <summary>Plans one sync of <paramref name="d"/> owning <paramref name="owned"/> at <paramref name="now"/>.</summary>
    public static DeploymentPlan Plan(Deployment d, IReadOnlyList<OwnedReplicaSet> owned, DateTimeOffset now)
    {
        var replicas = d.Spec.Replicas ?? 1;
        var current = owned.Where(o => TemplateHash.SameTemplate(o.ReplicaSet.Spec.Template, d.Spec.Template))
            .OrderBy(o => o.Count.Created).FirstOrDefault();
        var old = owned.Where(o => !ReferenceEquals(o, current)).ToList();
        var newRevision = (old.Count == 0 ? 0 : old.Max(o => Revisions.Of(o.ReplicaSet))) + 1;
        if (current is not null)
        {
            newRevision = Math.Max(newRevision, Revisions.Of(current.ReplicaSet));
        }

        var newCount = current?.Count ?? new ReplicaSetCount("", 0, 0, 0, 0, now);
        var targets = owned.ToDictionary(o => o.Count.Key, o => o.Count.Spec, StringComparer.Ordinal);
        var newTarget = newCount.Spec;
        var createNew = false;
        var recreate = d.Spec.Strategy?.Type == DeploymentStrategyType.Recreate;
        var (surge, unavailable) = recreate ? (0, 0) : RolloutMath.Fenceposts(d.Spec.Strategy?.RollingUpdate?.MaxSurge, d.Spec.Strategy?.RollingUpdate?.MaxUnavailable, replicas);
        var paused = d.Spec.Paused == true;
        if (d.Metadata.DeletionTimestamp is null && paused)
        {
            // Paused: no rollout, but a changed replica count still applies, to the current ReplicaSet (or the newest one).
            var scaleTarget = current ?? old.OrderByDescending(o => o.Count.Created).FirstOrDefault();
            if (scaleTarget is not null)
            {
                var others = owned.Where(o => !ReferenceEquals(o, scaleTarget)).Sum(o => o.Count.Spec);
                targets[scaleTarget.Count.Key] = Math.Max(replicas - others, 0);
                if (ReferenceEquals(scaleTarget, current)) newTarget = targets[scaleTarget.Count.Key];
            }
        }
        else if (d.Metadata.DeletionTimestamp is null && recreate)
        {
            if (old.Any(o => o.Count.Spec > 0))
            {
                foreach (var o in old) targets[o.Count.Key] = 0;
            }
            else if (old.All(o => o.Count.Active == 0))
            {
                newTarget = replicas;
                createNew = current is null;
            }
        }
        else if (d.Metadata.DeletionTimestamp is null)
        {
            createNew = current is null;
            var allPods = owned.Sum(o => o.Count.Pods);
            newTarget = RolloutMath.NewReplicas(replicas, surge, allPods, newCount.Spec);
            var allPodsAfter = allPods - newCount.Pods + Math.Max(newTarget, newCount.Active);
            var oldTargets = RolloutMath.ScaleDownOld(old.Select(o => o.Count).ToList(), replicas, unavailable, allPodsAfter, newTarget, newCount.Available);
            foreach (var (key, target) in oldTargets) targets[key] = target;
        }

        if (current is not null)
        {
            targets[current.Count.Key] = newTarget;
        }

        var revision = Revisions.Format(newRevision);
        var changes = owned
            .Where(o => targets[o.Count.Key] != o.Count.Spec || (ReferenceEquals(o, current) && o.ReplicaSet.Metadata.Annotation(Revisions.Annotation) != revision))
            .Select(o => new ReplicaSetChange(o.ReplicaSet, targets[o.Count.Key], ReferenceEquals(o, current) ? revision : o.ReplicaSet.Metadata.Annotation(Revisions.Annotation) ?? "0"))
            .ToList();
        var create = createNew ? NewReplicaSet(d, newTarget, revision) : null;
        var delete = HistoryToDelete(d, old, targets);
        var hasNew = current is not null || create is not null;
        var deploymentRevision = hasNew && d.Metadata.Annotation(Revisions.Annotation) != revision ? revision : null;
        var rolloutMoved = create is not null || changes.Any(c => c.Replicas != c.ReplicaSet.Spec.Replicas);
        var (status, requeue) = Status(d, owned, current, replicas, unavailable, rolloutMoved, create is not null, now);
        return new DeploymentPlan(create, changes, delete, deploymentRevision, ManifestSerializer.SemanticallyEqual(status, d.Status) ? null : status, requeue);
    }

    /// <summary>The ReplicaSet of the Deployment's current template: name and selector carry the template hash.</summary>
    public static ReplicaSet NewReplicaSet(Deployment d, int replicas, string revision)
    {
        var hash = TemplateHash.Of(d.Spec.Template, d.Status?.CollisionCount);
        var template = ManifestSerializer.DeepCopy(d.Spec.Template);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? [], StringComparer.Ordinal) { [TemplateHash.Label] = hash };
        var selector = d.Spec.Selector is null ? new LabelSelector() : ManifestSerializer.DeepCopy(d.Spec.Selector);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? [], StringComparer.Ordinal) { [TemplateHash.Label] = hash };
        return new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = $"{d.Metadata.Name}-{hash}",
                Namespace = d.Metadata.Namespace,
                Labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal),
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [Revisions.Annotation] = revision },
                OwnerReferences = [OwnerReferences.ControllerReference(d)],
            },
            Spec = new ReplicaSetSpec { Replicas = replicas, MinReadySeconds = d.Spec.MinReadySeconds, Selector = selector, Template = template },
        };
    }

    /// <summary>Old ReplicaSets scaled to zero with no pods left, beyond revisionHistoryLimit, oldest revision first.</summary>
    private static List<ReplicaSet> HistoryToDelete(Deployment d, IReadOnlyList<OwnedReplicaSet> old, IReadOnlyDictionary<string, int> targets)
    {
        var limit = d.Spec.RevisionHistoryLimit ?? DefaultRevisionHistoryLimit;
        var idle = old.Where(o => o.Count.Spec == 0 && targets[o.Count.Key] == 0 && o.Count.Active == 0 && o.ReplicaSet.Metadata.DeletionTimestamp is null)
            .OrderBy(o => Revisions.Of(o.ReplicaSet)).ThenBy(o => o.Count.Created).ToList();
        return idle.Take(Math.Max(idle.Count - limit, 0)).Select(o => o.ReplicaSet).ToList();
    }

    private static (DeploymentStatus Status, TimeSpan? Requeue) Status(
        Deployment d, IReadOnlyList<OwnedReplicaSet> owned, OwnedReplicaSet? current, int replicas, int unavailable, bool rolloutMoved, bool created, DateTimeOffset now)
    {
        var previous = d.Status;
        var total = owned.Sum(o => o.Count.Active);
        var updated = current?.Count.Active ?? 0;
        var ready = owned.Sum(o => o.Count.Ready);
        var available = owned.Sum(o => o.Count.Available);
        var conditions = previous?.Conditions is { } existing ? existing.Select(ManifestSerializer.DeepCopy).ToList() : [];
        var minAvailable = replicas - unavailable;
        if (available >= minAvailable)
        {
            DeploymentConditions.Set(conditions, DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", now);
        }
        else
        {
            DeploymentConditions.Set(conditions, DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now);
        }

        var rsName = current?.ReplicaSet.Metadata.Name ?? $"{d.Metadata.Name}-{TemplateHash.Of(d.Spec.Template, d.Status?.CollisionCount)}";
        var complete = updated == replicas && total == replicas && available >= replicas && (current?.Count.Spec ?? 0) == replicas;
        var progressing = DeploymentConditions.Get(previous, DeploymentConditions.Progressing);
        var moved = rolloutMoved || updated > (previous?.UpdatedReplicas ?? 0) || ready > (previous?.ReadyReplicas ?? 0) || available > (previous?.AvailableReplicas ?? 0)
            || total < (previous?.Replicas ?? 0);
        TimeSpan? requeue = null;
        if (d.Spec.Paused == true)
        {
            DeploymentConditions.Set(conditions, DeploymentConditions.Progressing, "Unknown", DeploymentConditions.DeploymentPaused, "Deployment is paused", now);
        }
        else if (complete)
        {
            DeploymentConditions.Set(conditions, DeploymentConditions.Progressing, "True", DeploymentConditions.NewReplicaSetAvailable, $"ReplicaSet \"{rsName}\" has successfully progressed.", now);
        }
        else if (created)
        {
            DeploymentConditions.Set(conditions, DeploymentConditions.Progressing, "True", DeploymentConditions.NewReplicaSetCreated, $"Created new replica set \"{rsName}\"", now, touch: true);
        }
        else if (moved || progressing is null || progressing.Reason == DeploymentConditions.DeploymentPaused)
        {
            var reason = progressing?.Reason == DeploymentConditions.DeploymentPaused && !moved ? DeploymentConditions.DeploymentResumed : DeploymentConditions.ReplicaSetUpdated;
            var message = reason == DeploymentConditions.DeploymentResumed ? "Deployment is resumed" : $"ReplicaSet \"{rsName}\" is progressing.";
            DeploymentConditions.Set(conditions, DeploymentConditions.Progressing, reason == DeploymentConditions.DeploymentResumed ? "Unknown" : "True", reason, message, now, touch: true);
        }

        if (d.Spec.Paused != true && !complete && d.Spec.ProgressDeadlineSeconds is { } deadline
            && DeploymentConditions.Get(new DeploymentStatus { Conditions = conditions }, DeploymentConditions.Progressing) is { } condition
            && condition.Reason != DeploymentConditions.ProgressDeadlineExceeded)
        {
            var due = (condition.LastUpdateTime ?? now).AddSeconds(deadline);
            if (due <= now)
            {
                DeploymentConditions.Set(conditions, DeploymentConditions.Progressing, "False", DeploymentConditions.ProgressDeadlineExceeded, $"ReplicaSet \"{rsName}\" has timed out progressing.", now);
            }
            else
            {
                requeue = due - now + TimeSpan.FromMilliseconds(10);
            }
        }

        var status = new DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = total,
            UpdatedReplicas = updated,
            ReadyReplicas = ready,
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(replicas - available, 0),
            Conditions = conditions,
            CollisionCount = previous?.CollisionCount,
        };
        return (status, requeue);
    }
}
