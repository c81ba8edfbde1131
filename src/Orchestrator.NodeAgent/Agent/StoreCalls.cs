using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// The node agent's multi-step conversations with the object store, as tasks (Ask, never a blocked thread)
/// whose result the agent pipes back to itself. They touch no actor state.
/// </summary>
internal static class StoreCalls
{
    /// <summary>The key of the node's Node object.</summary>
    public static ObjectKey NodeKey(string node) => new("", "Node", null, node);

    /// <summary>The key of the node's heartbeat Lease.</summary>
    public static ObjectKey LeaseKey(string node) => new("coordination.k8s.io", "Lease", NodeObjects.LeaseNamespace, node);

    /// <summary>Creates the Node, or, when it exists, updates its labels, taints and status; returns the stored Node.</summary>
    public static async Task<Node> RegisterAsync(IActorRef store, Node desired, TimeSpan timeout)
    {
        var created = await store.Ask<ObjectReply>(new CreateObject(desired), timeout).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            return (Node)created.Object!;
        }

        if (created.Error!.Reason != StatusError.AlreadyExistsReason)
        {
            throw Failure("create the Node", created.Error);
        }

        var got = Check(await store.Ask<ObjectReply>(new GetObject(NodeKey(desired.Metadata.Name!)), timeout).ConfigureAwait(false), "read the Node");
        var existing = (Node)got.Object!;
        existing.Metadata.ResourceVersion = null;
        var labels = existing.Metadata.Labels ?? [];
        foreach (var (key, value) in desired.Metadata.Labels ?? [])
        {
            labels[key] = value;
        }

        existing.Metadata.Labels = labels;
        if (desired.Metadata.Annotations is { Count: > 0 } published)
        {
            // The agent's address changes with every start of its process (port 0): the newest one wins.
            var annotations = existing.Metadata.Annotations ?? [];
            foreach (var (key, value) in published)
            {
                annotations[key] = value;
            }

            existing.Metadata.Annotations = annotations;
        }

        existing.Spec.Taints = desired.Spec.Taints;
        Check(await store.Ask<ObjectReply>(new UpdateObject(existing), timeout).ConfigureAwait(false), "update the Node");
        var withStatus = new Node { Metadata = { Name = desired.Metadata.Name }, Status = desired.Status };
        var stored = Check(await store.Ask<ObjectReply>(new UpdateObjectStatus(withStatus), timeout).ConfigureAwait(false), "update the Node's status");
        return (Node)stored.Object!;
    }

    /// <summary>Renews the node's Lease (creating it, and its namespace, when missing); returns the new renewTime.</summary>
    public static async Task<DateTimeOffset> RenewLeaseAsync(IActorRef store, NodeAgentSettings settings, TimeSpan timeout)
    {
        var now = DateTimeOffset.UtcNow;
        var got = await store.Ask<ObjectReply>(new GetObject(LeaseKey(settings.NodeName)), timeout).ConfigureAwait(false);
        if (got.IsSuccess)
        {
            var lease = (Lease)got.Object!;
            lease.Spec.HolderIdentity = settings.NodeName;
            lease.Spec.LeaseDurationSeconds = (int)settings.LeaseDuration.TotalSeconds;
            lease.Spec.RenewTime = now;
            // The resourceVersion read stays a precondition: a concurrent writer makes this a Conflict, retried next tick.
            Check(await store.Ask<ObjectReply>(new UpdateObject(lease), timeout).ConfigureAwait(false), "renew the Lease");
            return now;
        }

        if (got.Error!.Reason != StatusError.NotFoundReason)
        {
            throw Failure("read the Lease", got.Error);
        }

        var created = await store.Ask<ObjectReply>(new CreateObject(NodeObjects.Lease(settings, now)), timeout).ConfigureAwait(false);
        if (created.Error?.Reason == StatusError.NotFoundReason)
        {
            // The namespace is missing: create it (a concurrent creation is as good), then the lease.
            var ns = await store.Ask<ObjectReply>(new CreateObject(new Namespace { Metadata = { Name = NodeObjects.LeaseNamespace } }), timeout)
                .ConfigureAwait(false);
            if (!ns.IsSuccess && ns.Error!.Reason != StatusError.AlreadyExistsReason)
            {
                throw Failure($"create namespace {NodeObjects.LeaseNamespace}", ns.Error);
            }

            created = await store.Ask<ObjectReply>(new CreateObject(NodeObjects.Lease(settings, now)), timeout).ConfigureAwait(false);
        }

        Check(created, "create the Lease");
        return now;
    }

    /// <summary>Replaces an object unconditionally, creating it when it does not exist (metrics, rewritten every sample).</summary>
    public static async Task PutAsync(IActorRef store, IKubernetesObject obj, TimeSpan timeout)
    {
        var updated = await store.Ask<ObjectReply>(new UpdateObject(obj), timeout).ConfigureAwait(false);
        if (updated.IsSuccess)
        {
            return;
        }

        if (updated.Error!.Reason != StatusError.NotFoundReason)
        {
            throw Failure($"update {obj}", updated.Error);
        }

        var created = await store.Ask<ObjectReply>(new CreateObject(obj), timeout).ConfigureAwait(false);
        if (!created.IsSuccess && created.Error!.Reason != StatusError.AlreadyExistsReason)
        {
            throw Failure($"create {obj}", created.Error);
        }
    }

    private static ObjectReply Check(ObjectReply reply, string what) => reply.IsSuccess ? reply : throw Failure(what, reply.Error!);

    private static InvalidOperationException Failure(string what, StatusError error) =>
        new($"could not {what}: {error.Reason}: {error.Message}");
}
