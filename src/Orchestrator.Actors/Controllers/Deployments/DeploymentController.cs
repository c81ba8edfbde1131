using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>
/// Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template (named and selected by
/// <see cref="TemplateHash"/>), scaled by the RollingUpdate or Recreate strategy (<see cref="DeploymentRules"/>),
/// with revision annotations, history cleanup, pause, progress deadline and status. Watches Deployments,
/// ReplicaSets and Pods (pod readiness drives the rollout); writes ReplicaSets and Deployment status.
/// </summary>
public sealed class DeploymentController : ControllerBase
{
    private static readonly InformerSpec Deployments = InformerSpec.Deployments;
    private static readonly InformerSpec ReplicaSets = InformerSpec.ReplicaSets;
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public DeploymentController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(Deployments);
        Inform(ReplicaSets);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "deployment-controller";

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new DeploymentController(store, settings));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (notification.Source == Deployments)
        {
            EnqueueKeysOf(notification);
            return;
        }

        foreach (var obj in Changed(notification))
        {
            if (notification.Source == ReplicaSets)
            {
                EnqueueOwnerOf(obj);
            }
            else if (obj is Pod pod && OwnerReferences.ControllerOf(pod) is { Kind: "ReplicaSet" } reference
                && Cache(ReplicaSets).TryGetValue(CacheKeys.Of(pod.Metadata.Namespace, reference.Name), out var rs) && rs.Metadata.Uid == reference.Uid)
            {
                EnqueueOwnerOf(rs);
            }
        }
    }

    /// <summary>A ReplicaSet's Deployment, or for an orphan every Deployment whose selector matches it.</summary>
    private void EnqueueOwnerOf(IKubernetesObject rs)
    {
        if (OwnerReferences.ControllerOf(rs) is { } reference)
        {
            if (reference.Kind == "Deployment")
            {
                Enqueue(CacheKeys.Of(rs.Metadata.Namespace, reference.Name));
            }

            return;
        }

        foreach (var (key, obj) in Cache(Deployments))
        {
            if (obj is Deployment d && d.Metadata.Namespace == rs.Metadata.Namespace && Selector.FromLabelSelector(d.Spec.Selector).MatchesLabelsOf(rs))
            {
                Enqueue(key);
            }
        }
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(Deployments).TryGetValue(key, out var obj) || obj is not Deployment d)
        {
            return SyncOutcome.DoneTask;
        }

        var now = DateTimeOffset.UtcNow;
        var ns = d.Metadata.Namespace;
        var selector = Selector.FromLabelSelector(d.Spec.Selector);
        var claim = Claim<ReplicaSet>.Of(d, selector, Cache(ReplicaSets).Values.OfType<ReplicaSet>().Where(r => r.Metadata.Namespace == ns), d.Metadata.DeletionTimestamp is null);
        var podsByOwner = Cache(Pods).Values.OfType<Pod>()
            .Where(p => p.Metadata.Namespace == ns && PodConditions.IsActive(p))
            .GroupBy(p => OwnerReferences.ControllerOf(p)?.Uid ?? "")
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var minReady = d.Spec.MinReadySeconds ?? 0;
        var owned = claim.Claimed.Select(rs =>
        {
            var pods = podsByOwner.GetValueOrDefault(rs.Metadata.Uid ?? "") ?? [];
            var count = new ReplicaSetCount(
                CacheKeys.Of(rs),
                rs.Spec.Replicas ?? 1,
                pods.Count,
                pods.Count(p => PodConditions.IsAvailable(p, minReady, now)),
                pods.Count(PodConditions.IsReady),
                rs.Metadata.CreationTimestamp ?? now);
            return new OwnedReplicaSet(rs, count);
        }).ToList();
        var plan = DeploymentRules.Plan(d, owned, now);
        if (plan.Create is { } create && Cache(ReplicaSets).ContainsKey(CacheKeys.Of(create)))
        {
            // Another ReplicaSet holds the name (a hash collision): count it, so the next sync hashes differently.
            var status = ManifestSerializer.DeepCopy(plan.Status ?? d.Status ?? new DeploymentStatus());
            status.CollisionCount = (d.Status?.CollisionCount ?? 0) + 1;
            plan = plan with { Create = null, Status = status };
        }

        var nextAvailable = minReady > 0
            ? podsByOwner.Values.SelectMany(p => p).Select(p => PodConditions.UntilAvailable(p, minReady, now)).Where(t => t is not null).Min()
            : null;
        var requeue = new[] { plan.RequeueAfter, nextAvailable }.Where(t => t is not null).Min();
        return Execute(d, claim, plan, requeue, Store, Settings.RequestTimeout);
    }

    private static async Task<SyncOutcome> Execute(Deployment d, Claim<ReplicaSet> claim, DeploymentPlan plan, TimeSpan? requeue, IActorRef store, TimeSpan timeout)
    {
        var errors = new List<string>();
        foreach (var rs in claim.Adopt)
        {
            var adopted = ObjectCodec.Copy(rs);
            adopted.Metadata.OwnerReferences = [.. adopted.Metadata.OwnerReferences ?? [], OwnerReferences.ControllerReference(d)];
            await StoreWrites.Send(store, new UpdateObject(adopted), timeout, errors, $"adopt ReplicaSet {rs.Metadata.Name}").ConfigureAwait(false);
        }

        foreach (var rs in claim.Release)
        {
            var released = ObjectCodec.Copy(rs);
            released.Metadata.OwnerReferences = released.Metadata.OwnerReferences?.Where(r => r.Uid != d.Metadata.Uid).ToList();
            await StoreWrites.Send(store, new UpdateObject(released), timeout, errors, $"release ReplicaSet {rs.Metadata.Name}").ConfigureAwait(false);
        }

        if (plan.Create is { } create)
        {
            await StoreWrites.Send(store, new CreateObject(create), timeout, errors, $"create ReplicaSet {create.Metadata.Name}").ConfigureAwait(false);
        }

        // Scale-ups and scale-downs of one sync are independent: the plan already keeps both bounds.
        await Task.WhenAll(plan.Changes.Select(change =>
        {
            var rs = ObjectCodec.Copy(change.ReplicaSet); // keeps its resourceVersion: a stale view fails with Conflict and is retried
            rs.Spec.Replicas = change.Replicas;
            rs.Metadata.Annotations = new Dictionary<string, string>(rs.Metadata.Annotations ?? [], StringComparer.Ordinal) { [Revisions.Annotation] = change.Revision };
            return StoreWrites.Send(store, new UpdateObject(rs), timeout, errors, $"scale ReplicaSet {rs.Metadata.Name} to {change.Replicas}");
        })).ConfigureAwait(false);
        foreach (var rs in plan.Delete)
        {
            var key = new ObjectKey("apps", "ReplicaSet", rs.Metadata.Namespace, rs.Metadata.Name ?? "");
            await StoreWrites.Send(store, new DeleteObject(key, new DeleteOptions(PreconditionUid: rs.Metadata.Uid)), timeout, errors, $"delete old ReplicaSet {rs.Metadata.Name}", ignoreNotFound: true)
                .ConfigureAwait(false);
        }

        if (plan.Revision is { } revision)
        {
            var annotated = ObjectCodec.Copy(d);
            annotated.Metadata.Annotations = new Dictionary<string, string>(annotated.Metadata.Annotations ?? [], StringComparer.Ordinal) { [Revisions.Annotation] = revision };
            await StoreWrites.Send(store, new UpdateObject(annotated), timeout, errors, "annotate the Deployment's revision").ConfigureAwait(false);
        }

        if (plan.Status is { } status)
        {
            var withStatus = ObjectCodec.Copy(d);
            withStatus.Metadata.ResourceVersion = null; // this controller is the status's only writer
            withStatus.Status = status;
            await StoreWrites.Send(store, new UpdateObjectStatus(withStatus), timeout, errors, "update status").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), requeue);
    }
}
