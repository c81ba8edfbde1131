using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.NodeLifecycle;

/// <summary>
/// Watches Nodes, their heartbeat Leases (<c>kube-node-lease</c>) and Pods. A node whose lease has not been seen
/// renewed for <see cref="NodeLifecycleSettings.MonitorGracePeriod"/> gets Ready=Unknown and the taint
/// <c>node.kubernetes.io/unreachable:NoExecute</c> (a node reporting Ready=False gets <c>not-ready</c>); pods
/// on a node with such a taint are evicted (deleted) once their toleration runs out
/// (<see cref="NodeLifecycleSettings.DefaultTolerationSeconds"/> unless the pod says otherwise), so their
/// controllers recreate them elsewhere. When the lease is renewed again the node is Ready and untainted.
/// </summary>
/// <remarks>
/// Silence is measured on this controller's clock — when it last saw the lease change — not by comparing the
/// lease's renewTime with local time, so clock skew between machines does not matter (as Kubernetes does).
/// </remarks>
public sealed class NodeLifecycleController : ControllerBase
{
    private const string LeaseNamespace = "kube-node-lease";
    private static readonly InformerSpec Nodes = InformerSpec.Nodes;
    private static readonly InformerSpec Leases = new("coordination.k8s.io", "Lease", LeaseNamespace);
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    private readonly Dictionary<string, (string? ResourceVersion, DateTimeOffset SeenAt)> _heartbeats = new(StringComparer.Ordinal);

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public NodeLifecycleController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(Nodes);
        Inform(Leases);
        Inform(Pods);
        Receive<Monitor>(_ => EnqueueAllNodes());
    }

    /// <inheritdoc />
    protected override string Name => "node-lifecycle-controller";

    private NodeLifecycleSettings Lifecycle => Settings.NodeLifecycle;

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new NodeLifecycleController(store, settings));

    private sealed record Monitor;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("monitor", new Monitor(), Lifecycle.MonitorPeriod);

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (notification.Source == Leases)
        {
            foreach (var lease in notification.Cache.Values.OfType<Lease>())
            {
                var node = lease.Metadata.Name ?? "";
                if (!_heartbeats.TryGetValue(node, out var seen) || seen.ResourceVersion != lease.Metadata.ResourceVersion)
                {
                    _heartbeats[node] = (lease.Metadata.ResourceVersion, DateTimeOffset.UtcNow);
                    if (seen.ResourceVersion is not null) Enqueue(node);
                }
            }
        }
        else if (notification.Source == Nodes)
        {
            if (notification is ObjectDeleted deleted)
            {
                _heartbeats.Remove(CacheKeys.Of(deleted.LastState));
            }

            EnqueueKeysOf(notification);
        }
        else if (notification is ObjectAdded { Object: Pod { Spec.NodeName: { Length: > 0 } node } })
        {
            Enqueue(node); // a pod bound to a tainted node
        }
    }

    private void EnqueueAllNodes()
    {
        foreach (var key in Cache(Nodes).Keys) Enqueue(key);
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(Nodes).TryGetValue(key, out var obj) || obj is not Node node)
        {
            return SyncOutcome.DoneTask;
        }

        var now = DateTimeOffset.UtcNow;
        if (!_heartbeats.TryGetValue(key, out var heartbeat))
        {
            // No lease seen yet: the grace period runs from now.
            heartbeat = _heartbeats[key] = (null, now);
        }

        var silent = now - heartbeat.SeenAt > Lifecycle.MonitorGracePeriod;
        var ready = NodeLifecycleRules.ReadyCondition(node, silent, now);
        var readyStatus = ready?.Status ?? node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status ?? "Unknown";
        var currentTaints = node.Spec.Taints ?? [];
        var taints = NodeLifecycleRules.Taints(currentTaints, readyStatus, now);
        var taintsChanged = taints.Count != currentTaints.Count || taints.Any(t => !currentTaints.Any(c => c.Key == t.Key && c.Effect == t.Effect));
        var evict = new List<Pod>();
        TimeSpan? next = null;
        foreach (var pod in Cache(Pods).Values.OfType<Pod>().Where(p => p.Spec.NodeName == key && PodConditions.IsActive(p)))
        {
            if (NodeLifecycleRules.EvictionIn(pod, taints, Lifecycle.DefaultTolerationSeconds, now) is not { } left)
            {
                continue;
            }

            if (left <= TimeSpan.Zero) evict.Add(pod);
            else next = next is null || left < next ? left : next;
        }

        return Execute(node, ready, taintsChanged ? taints : null, evict, next, Store, Settings.RequestTimeout);
    }

    private static async Task<SyncOutcome> Execute(Node node, NodeCondition? ready, List<Taint>? taints, List<Pod> evict, TimeSpan? next, IActorRef store, TimeSpan timeout)
    {
        var errors = new List<string>();
        if (taints is not null)
        {
            var tainted = ObjectCodec.Copy(node);
            tainted.Spec.Taints = taints.Count == 0 ? null : taints;
            await StoreWrites.Send(store, new UpdateObject(tainted), timeout, errors, $"taint node {node.Metadata.Name}").ConfigureAwait(false);
        }

        if (ready is not null)
        {
            var withStatus = ObjectCodec.Copy(node);
            withStatus.Metadata.ResourceVersion = null;
            withStatus.Status ??= new NodeStatus();
            withStatus.Status.Conditions = [.. (withStatus.Status.Conditions ?? []).Where(c => c.Type != "Ready"), ready];
            await StoreWrites.Send(store, new UpdateObjectStatus(withStatus), timeout, errors, $"mark node {node.Metadata.Name} Ready={ready.Status}").ConfigureAwait(false);
        }

        // Taint-based eviction: an ordinary delete, so the pod's controller sees it terminating and replaces it.
        if (evict.Count > 0)
        {
            var deleted = await PodControl.DeleteAsync(store, evict, timeout).ConfigureAwait(false);
            if (deleted.Error is not null) errors.Add(deleted.Error);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), next);
    }
}
