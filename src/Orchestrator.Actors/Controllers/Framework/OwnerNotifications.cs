using System.Collections.Immutable;
using Orchestrator.Actors.Informers;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// The event handling of controllers whose pods are found by controller reference only (no adoption by
/// selector): Job, DaemonSet, StatefulSet. Maps informer notifications to the owners' keys and keeps the
/// expectations of pod creations and deletions.
/// </summary>
public static class OwnerNotifications
{
    /// <summary>The keys an owner informer's notification touches: every key on a (re)sync, else the changed object's.</summary>
    public static IEnumerable<string> Keys(InformerNotification notification) => notification switch
    {
        InformerSynced or InformerResynced => notification.Cache.Keys,
        ObjectAdded added => [CacheKeys.Of(added.Object)],
        ObjectUpdated updated => [CacheKeys.Of(updated.New)],
        ObjectDeleted deleted => [CacheKeys.Of(deleted.LastState)],
        _ => [],
    };

    /// <summary>
    /// The whole event handling of a controller of <paramref name="ownerKind"/> objects (informer
    /// <paramref name="owners"/>) and their pods: owner changes enqueue the owner (a deleted one's expectations
    /// are forgotten), pod changes go to <see cref="OnOwnedPod"/>. False for notifications of other informers.
    /// </summary>
    public static bool OnOwnerOrPod(InformerNotification notification, InformerSpec owners, InformerSpec pods, string ownerKind,
        ImmutableDictionary<string, IKubernetesObject> ownerCache, ControllerExpectations expectations, Action<string> enqueue)
    {
        if (notification.Source == owners)
        {
            if (notification is ObjectDeleted deleted) expectations.Forget(CacheKeys.Of(deleted.LastState));
            foreach (var key in Keys(notification)) enqueue(key);
            return true;
        }

        if (notification.Source != pods) return false;
        OnOwnedPod(notification, ownerKind, ownerCache, expectations, enqueue);
        return true;
    }

    /// <summary>
    /// Handles a pod notification: the controlling owner of kind <paramref name="ownerKind"/> (found in
    /// <paramref name="owners"/> with the same uid) has its expectations lowered and is enqueued.
    /// </summary>
    public static void OnOwnedPod(InformerNotification notification, string ownerKind, ImmutableDictionary<string, IKubernetesObject> owners,
        ControllerExpectations expectations, Action<string> enqueue)
    {
        switch (notification)
        {
            case ObjectAdded { Object: Pod pod } when OwnerKey(pod, ownerKind, owners) is { } owner:
                if (pod.Metadata.DeletionTimestamp is not null) expectations.DeletionObserved(owner, pod.Metadata.Uid ?? "");
                else expectations.CreationObserved(owner);
                enqueue(owner);
                break;
            case ObjectUpdated { Old: Pod old, New: Pod pod } when OwnerKey(pod, ownerKind, owners) is { } owner:
                if (old.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
                    expectations.DeletionObserved(owner, pod.Metadata.Uid ?? "");
                enqueue(owner);
                break;
            case ObjectDeleted { LastState: Pod pod } when OwnerKey(pod, ownerKind, owners) is { } owner:
                expectations.DeletionObserved(owner, pod.Metadata.Uid ?? "");
                enqueue(owner);
                break;
        }
    }

    /// <summary>The cache key of the owner of kind <paramref name="ownerKind"/> controlling <paramref name="pod"/>, when the cache holds that very owner.</summary>
    public static string? OwnerKey(Pod pod, string ownerKind, ImmutableDictionary<string, IKubernetesObject> owners)
    {
        if (OwnerReferences.ControllerOf(pod) is not { } reference || reference.Kind != ownerKind) return null;
        var key = CacheKeys.Of(pod.Metadata.Namespace, reference.Name);
        return owners.TryGetValue(key, out var owner) && owner.Metadata.Uid == reference.Uid ? key : null;
    }

    /// <summary>The pods of <paramref name="pods"/> (a pod informer's cache) that <paramref name="owner"/> controls.</summary>
    public static List<Pod> OwnedPods(ImmutableDictionary<string, IKubernetesObject> pods, IKubernetesObject owner) =>
        pods.Values.OfType<Pod>().Where(p => p.Metadata.Namespace == owner.Metadata.Namespace && OwnerReferences.IsControlledBy(p, owner)).ToList();
}
