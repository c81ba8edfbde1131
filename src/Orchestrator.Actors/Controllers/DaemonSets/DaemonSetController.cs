using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.DaemonSets;

/// <summary>
/// Keeps one pod of each DaemonSet on every node that should run it (<see cref="DaemonSetRules"/>): creates it
/// bound to the node, deletes it where it no longer belongs, follows nodes joining and leaving, rolls template
/// changes out within maxUnavailable and writes status. Watches DaemonSets, Nodes and Pods.
/// </summary>
public sealed class DaemonSetController : ControllerBase
{
    /// <summary>Every DaemonSet.</summary>
    public static readonly InformerSpec DaemonSets = new("apps", "DaemonSet");

    private static readonly InformerSpec Nodes = InformerSpec.Nodes;
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public DaemonSetController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(DaemonSets);
        Inform(Nodes);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "daemonset-controller";

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new DaemonSetController(store, settings));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (OwnerNotifications.OnOwnerOrPod(notification, DaemonSets, Pods, "DaemonSet", Cache(DaemonSets), Expectations, Enqueue)) return;

        // A node change may change where every DaemonSet belongs.
        if (notification is not InformerSynced) foreach (var key in Cache(DaemonSets).Keys) Enqueue(key);
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(DaemonSets).TryGetValue(key, out var obj) || obj is not DaemonSet ds || ds.Metadata.DeletionTimestamp is not null)
        {
            Expectations.Forget(key);
            return SyncOutcome.DoneTask;
        }

        if (!Expectations.IsSatisfied(key)) return SyncOutcome.DoneTask; // its pod events requeue it

        var nodes = Cache(Nodes).Values.OfType<Node>().ToList();
        var pods = OwnerNotifications.OwnedPods(Cache(Pods), ds);
        var revision = TemplateHash.Of(ds.Spec.Template, ds.Status?.CollisionCount);
        var plan = DaemonSetRules.Plan(ds, nodes, pods, revision);
        Expectations.Expect(key, plan.CreateOn.Count, plan.Delete.Concat(plan.ForceDelete).Select(p => p.Metadata.Uid ?? ""));
        var creates = plan.CreateOn.Select(node =>
        {
            var pod = PodControl.FromTemplate(ds.Spec.Template, ds, new Dictionary<string, string> { [DaemonSetRules.RevisionLabel] = revision });
            DaemonSetRules.PinTo(pod, node);
            return pod;
        }).ToList();
        var withStatus = ControllerWrites.WithNewStatus(ds, ds.Status, plan.Status, (o, s) => o.Status = s);

        return ControllerWrites.ApplyPodPlan(key, creates, plan.Delete, plan.ForceDelete, withStatus, Store, Settings.RequestTimeout, Expectations);
    }
}
