using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.ReplicaSets;

/// <summary>
/// Keeps each ReplicaSet's number of active pods at <c>spec.replicas</c>: creates pods from its template with a
/// controller reference, deletes the cheapest ones first (<see cref="PodRanking"/>), adopts matching orphans and
/// releases pods that stopped matching; writes status (replicas, fullyLabeledReplicas, readyReplicas,
/// availableReplicas after minReadySeconds, observedGeneration). Watches ReplicaSets and Pods.
/// </summary>
public sealed class ReplicaSetController : ControllerBase
{
    private static readonly InformerSpec ReplicaSets = InformerSpec.ReplicaSets;
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public ReplicaSetController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(ReplicaSets);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "replicaset-controller";

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new ReplicaSetController(store, settings));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (notification.Source == ReplicaSets)
        {
            OnReplicaSetNotification(notification);
        }
        else
        {
            OnPodNotification(notification);
        }
    }

    private void OnReplicaSetNotification(InformerNotification notification)
    {
        if (notification is ObjectDeleted deleted)
        {
            Expectations.Forget(CacheKeys.Of(deleted.LastState));
        }

        EnqueueKeysOf(notification);
    }

    private void OnPodNotification(InformerNotification notification)
    {
        switch (notification)
        {
            case ObjectAdded { Object: Pod pod }:
                if (OwnerKey(pod) is { } owner)
                {
                    if (pod.Metadata.DeletionTimestamp is not null) Expectations.DeletionObserved(owner, pod.Metadata.Uid ?? "");
                    else Expectations.CreationObserved(owner);
                    Enqueue(owner);
                }
                else
                {
                    EnqueueMatching(pod);
                }

                break;
            case ObjectUpdated { Old: Pod old, New: Pod pod }:
                var oldOwner = OwnerKey(old);
                var newOwner = OwnerKey(pod);
                if (newOwner is not null && old.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
                {
                    Expectations.DeletionObserved(newOwner, pod.Metadata.Uid ?? "");
                }

                if (oldOwner is not null && oldOwner != newOwner) Enqueue(oldOwner);
                if (newOwner is not null) Enqueue(newOwner);
                else EnqueueMatching(pod);
                break;
            case ObjectDeleted { LastState: Pod pod }:
                if (OwnerKey(pod) is { } gone)
                {
                    Expectations.DeletionObserved(gone, pod.Metadata.Uid ?? "");
                    Enqueue(gone);
                }

                break;
        }
    }

    /// <summary>The key of the ReplicaSet controlling <paramref name="pod"/>, when the cache has that very ReplicaSet.</summary>
    private string? OwnerKey(Pod pod)
    {
        if (OwnerReferences.ControllerOf(pod) is not { Kind: "ReplicaSet" } reference)
        {
            return null;
        }

        var key = CacheKeys.Of(pod.Metadata.Namespace, reference.Name);
        return Cache(ReplicaSets).TryGetValue(key, out var rs) && rs.Metadata.Uid == reference.Uid ? key : null;
    }

    /// <summary>An orphan may be adopted by any ReplicaSet whose selector matches it.</summary>
    private void EnqueueMatching(Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        foreach (var (key, obj) in Cache(ReplicaSets))
        {
            if (obj is ReplicaSet rs && rs.Metadata.Namespace == pod.Metadata.Namespace && Selector.FromLabelSelector(rs.Spec.Selector).MatchesLabelsOf(pod))
            {
                Enqueue(key);
            }
        }
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(ReplicaSets).TryGetValue(key, out var obj) || obj is not ReplicaSet rs)
        {
            Expectations.Forget(key);
            return SyncOutcome.DoneTask;
        }

        var now = DateTimeOffset.UtcNow;
        var selector = Selector.FromLabelSelector(rs.Spec.Selector);
        var ns = rs.Metadata.Namespace;
        var pods = Cache(Pods).Values.OfType<Pod>().Where(p => p.Metadata.Namespace == ns);
        var claim = Claim<Pod>.Of(rs, selector, pods, mayAdopt: rs.Metadata.DeletionTimestamp is null);
        var active = claim.Claimed.Where(PodConditions.IsActive).ToList();
        var create = 0;
        IReadOnlyList<Pod> delete = [];
        if (Expectations.IsSatisfied(key) && rs.Metadata.DeletionTimestamp is null)
        {
            (create, delete) = ReplicaSetRules.Plan(rs.Spec.Replicas ?? 1, active, Settings.BurstReplicas);
            Expectations.Expect(key, create, delete.Select(p => p.Metadata.Uid ?? ""));
        }

        var status = ReplicaSetRules.Status(rs, active, now);
        var work = new Work(
            key,
            rs,
            claim,
            create > 0 && rs.Spec.Template is { } template ? PodControl.FromTemplate(template, rs) : null,
            create,
            delete,
            ReplicaSetRules.SameStatus(rs.Status, status) ? null : status,
            ReplicaSetRules.NextAvailable(active, rs.Spec.MinReadySeconds ?? 0, now));
        return Execute(work, Store, Settings.RequestTimeout, Expectations);
    }

    /// <summary>Everything the asynchronous part of a sync needs, captured on the actor's thread.</summary>
    private sealed record Work(
        string Key,
        ReplicaSet ReplicaSet,
        Claim<Pod> Claim,
        Pod? Prototype,
        int Create,
        IReadOnlyList<Pod> Delete,
        ReplicaSetStatus? Status,
        TimeSpan? RequeueAfter);

    private static async Task<SyncOutcome> Execute(Work work, IActorRef store, TimeSpan timeout, ControllerExpectations expectations)
    {
        var errors = new List<string>();
        foreach (var pod in work.Claim.Adopt)
        {
            var adopted = ObjectCodec.Copy(pod);
            adopted.Metadata.OwnerReferences = [.. adopted.Metadata.OwnerReferences ?? [], OwnerReferences.ControllerReference(work.ReplicaSet)];
            await StoreWrites.Send(store, new UpdateObject(adopted), timeout, errors, $"adopt pod {pod.Metadata.Name}").ConfigureAwait(false);
        }

        foreach (var pod in work.Claim.Release)
        {
            var released = ObjectCodec.Copy(pod);
            released.Metadata.OwnerReferences = released.Metadata.OwnerReferences?.Where(r => r.Uid != work.ReplicaSet.Metadata.Uid).ToList();
            await StoreWrites.Send(store, new UpdateObject(released), timeout, errors, $"release pod {pod.Metadata.Name}").ConfigureAwait(false);
        }

        var created = work.Prototype is null ? new BatchResult(0, work.Create, [], work.Create > 0 ? "the ReplicaSet has no pod template" : null)
            : await PodControl.CreateAsync(store, work.Prototype, work.Create, timeout).ConfigureAwait(false);
        var deleted = work.Delete.Count == 0 ? new BatchResult(0, 0, [], null) : await PodControl.DeleteAsync(store, work.Delete, timeout).ConfigureAwait(false);
        if (created.Error is not null) errors.Add(created.Error);
        if (deleted.Error is not null) errors.Add(deleted.Error);
        if (work.Status is not null)
        {
            var withStatus = ObjectCodec.Copy(work.ReplicaSet);
            withStatus.Metadata.ResourceVersion = null; // this controller is the status's only writer
            withStatus.Status = work.Status;
            await StoreWrites.Send(store, new UpdateObjectStatus(withStatus), timeout, errors, "update status").ConfigureAwait(false);
        }

        return new SyncOutcome(
            errors.Count == 0 ? null : string.Join("; ", errors),
            work.RequeueAfter,
            () =>
            {
                // Creates and deletes that failed will never be observed.
                for (var i = 0; i < created.FailedCount; i++) expectations.CreationObserved(work.Key);
                foreach (var uid in deleted.FailedUids) expectations.DeletionObserved(work.Key, uid);
            });
    }
}
