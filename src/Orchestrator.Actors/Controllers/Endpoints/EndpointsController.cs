using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;
using EndpointsObject = Orchestrator.Model.Core.V1.Endpoints;

namespace Orchestrator.Actors.Controllers.Endpoints;

/// <summary>
/// Keeps one Endpoints object per Service with a selector (same namespace and name): the IPs of the pods it
/// selects, ready ones as addresses and the rest as notReadyAddresses, with ports resolved by
/// <see cref="EndpointsRules"/>. Watches Services, Pods and Endpoints (so a changed or deleted Endpoints is put
/// back); deletes the Endpoints of a Service it managed when that Service is deleted. A Service without a selector is left alone (its
/// Endpoints are the user's).
/// </summary>
public sealed class EndpointsController : ControllerBase
{
    private static readonly InformerSpec Services = InformerSpec.Services;
    private static readonly InformerSpec Pods = InformerSpec.Pods;
    private static readonly InformerSpec EndpointsSpec = InformerSpec.Endpoints;

    /// <summary>Services with a selector this controller has written Endpoints for: only theirs are deleted with them.</summary>
    private readonly HashSet<string> _managed = new(StringComparer.Ordinal);

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public EndpointsController(IActorRef store, ControllerSettings settings)
        : base(store, settings)
    {
        Inform(Services);
        Inform(Pods);
        Inform(EndpointsSpec);
    }

    /// <inheritdoc />
    protected override string Name => "endpoints-controller";

    /// <summary>Props of the controller.</summary>
    public static Props Props(IActorRef store, ControllerSettings settings) => Runtime.Props.Create(() => new EndpointsController(store, settings));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (notification.Source != Pods)
        {
            EnqueueKeysOf(notification); // a Service, or an Endpoints named after its Service
            return;
        }

        foreach (var pod in Changed(notification))
        {
            EnqueueServicesSelecting(pod);
        }
    }

    private void EnqueueServicesSelecting(IKubernetesObject pod)
    {
        foreach (var (key, obj) in Cache(Services))
        {
            if (obj is Service { Spec.Selector: { Count: > 0 } selector } service && service.Metadata.Namespace == pod.Metadata.Namespace
                && Selector.FromSet(selector).MatchesLabelsOf(pod))
            {
                Enqueue(key);
            }
        }
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        Cache(EndpointsSpec).TryGetValue(key, out var existingObject);
        var existing = existingObject as EndpointsObject;
        if (!Cache(Services).TryGetValue(key, out var obj) || obj is not Service service)
        {
            return _managed.Remove(key) && existing is not null ? Delete(existing, Store, Settings.RequestTimeout) : SyncOutcome.DoneTask;
        }

        if (service.Spec.Selector is not { Count: > 0 })
        {
            _managed.Remove(key);
            return SyncOutcome.DoneTask;
        }

        _managed.Add(key);

        var pods = Cache(Pods).Values.OfType<Pod>().Where(p => p.Metadata.Namespace == service.Metadata.Namespace);
        var desired = new EndpointsObject
        {
            Metadata = { Name = service.Metadata.Name, Namespace = service.Metadata.Namespace, Labels = service.Metadata.Labels is { } labels ? new(labels) : null },
            Subsets = EndpointsRules.Subsets(service, pods),
        };
        if (desired.Subsets.Count == 0)
        {
            desired.Subsets = null;
        }

        if (existing is not null
            && ManifestSerializer.SemanticallyEqual(new EndpointsObject { Subsets = existing.Subsets }, new EndpointsObject { Subsets = desired.Subsets })
            && ManifestSerializer.SemanticallyEqual(existing.Metadata.Labels ?? [], desired.Metadata.Labels ?? []))
        {
            return SyncOutcome.DoneTask;
        }

        return Write(existing, desired, Store, Settings.RequestTimeout);
    }

    private static async Task<SyncOutcome> Write(EndpointsObject? existing, EndpointsObject desired, IActorRef store, TimeSpan timeout)
    {
        var errors = new List<string>();
        if (existing is null)
        {
            await StoreWrites.Send(store, new CreateObject(desired), timeout, errors, $"create Endpoints {desired.Metadata.Namespace}/{desired.Metadata.Name}").ConfigureAwait(false);
        }
        else
        {
            var updated = ObjectCodec.Copy(existing); // its resourceVersion makes a stale view a Conflict, retried
            updated.Subsets = desired.Subsets;
            updated.Metadata.Labels = desired.Metadata.Labels;
            await StoreWrites.Send(store, new UpdateObject(updated), timeout, errors, $"update Endpoints {desired.Metadata.Namespace}/{desired.Metadata.Name}").ConfigureAwait(false);
        }

        return errors.Count == 0 ? SyncOutcome.Done : SyncOutcome.Failed(string.Join("; ", errors));
    }

    private static async Task<SyncOutcome> Delete(EndpointsObject existing, IActorRef store, TimeSpan timeout)
    {
        var errors = new List<string>();
        var key = new ObjectKey("", "Endpoints", existing.Metadata.Namespace, existing.Metadata.Name ?? "");
        await StoreWrites.Send(store, new DeleteObject(key, new DeleteOptions(PreconditionUid: existing.Metadata.Uid)), timeout, errors, $"delete Endpoints {key.Namespace}/{key.Name}", ignoreNotFound: true)
            .ConfigureAwait(false);
        return errors.Count == 0 ? SyncOutcome.Done : SyncOutcome.Failed(string.Join("; ", errors));
    }
}
