using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.StatefulSets;

/// <summary>
/// Keeps each StatefulSet's pods <c>name-0..name-(replicas−1)</c> with stable names and host names, created and
/// deleted in order (<see cref="StatefulSetRules"/>), rolled to a new template revision above the partition, and
/// writes status (replicas, readyReplicas, currentReplicas, updatedReplicas, currentRevision, updateRevision).
/// Watches StatefulSets and Pods.
/// </summary>
public sealed class StatefulSetController : ControllerBase
{
    /// <summary>Every StatefulSet.</summary>
    public static readonly InformerSpec StatefulSets = new("apps", "StatefulSet");

    private static readonly InformerSpec Pods = InformerSpec.Pods;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public StatefulSetController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(StatefulSets);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "statefulset-controller";

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new StatefulSetController(store, settings));

    /// <summary>The revision name of <paramref name="set"/>'s current template: <c>&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    public static string RevisionOf(StatefulSet set) => $"{set.Metadata.Name}-{TemplateHash.Of(set.Spec.Template, set.Status?.CollisionCount)}";

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        OwnerNotifications.OnOwnerOrPod(notification, StatefulSets, Pods, "StatefulSet", Cache(StatefulSets), Expectations, Enqueue);
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(StatefulSets).TryGetValue(key, out var obj) || obj is not StatefulSet set || set.Metadata.DeletionTimestamp is not null)
        {
            Expectations.Forget(key);
            return SyncOutcome.DoneTask;
        }

        if (!Expectations.IsSatisfied(key)) return SyncOutcome.DoneTask; // its pod events requeue it

        var pods = OwnerNotifications.OwnedPods(Cache(Pods), set);
        var revision = RevisionOf(set);
        var plan = StatefulSetRules.Plan(set, pods, revision);
        Expectations.Expect(key, plan.Create.Count, plan.Delete.Select(p => p.Metadata.Uid ?? ""));
        var creates = plan.Create.Select(ordinal =>
        {
            var pod = PodControl.FromTemplate(set.Spec.Template, set);
            StatefulSetRules.Identify(pod, set, ordinal, revision);
            return pod;
        }).ToList();
        var withStatus = ControllerWrites.WithNewStatus(set, set.Status, plan.Status, (o, s) => o.Status = s);

        return ControllerWrites.ApplyPodPlan(key, creates, plan.Delete, [], withStatus, Store, Settings.RequestTimeout, Expectations);
    }
}
