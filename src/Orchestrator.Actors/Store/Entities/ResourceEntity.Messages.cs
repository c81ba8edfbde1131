using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>A command for one object, sent to the <see cref="Front.ObjectStore"/> and routed to the object's entity.</summary>
public interface IObjectCommand;

/// <summary>
/// Creates an object. The store sets uid, creationTimestamp, generation 1 and resourceVersion; a
/// namespaced object without a namespace goes to <c>default</c>; an object with only
/// <c>metadata.generateName</c> gets that prefix plus five random characters.
/// Replies <see cref="ObjectReply"/>: the stored object, or AlreadyExists, Invalid, NotFound (namespace), Forbidden (namespace terminating, a LimitRange or ResourceQuota refused it).
/// </summary>
public sealed record CreateObject(IKubernetesObject Object) : IObjectCommand;

/// <summary>Reads one object. Replies <see cref="ObjectReply"/>: the object or NotFound.</summary>
public sealed record GetObject(ObjectKey Key) : IObjectCommand;

/// <summary>
/// Replaces an object's metadata and spec (status is kept as stored). When
/// <c>metadata.resourceVersion</c> is set it must equal the stored one, else Conflict. Generation
/// grows by one when anything outside metadata and status changed. Replies <see cref="ObjectReply"/>:
/// the stored object, or NotFound, Conflict, Invalid.
/// </summary>
public sealed record UpdateObject(IKubernetesObject Object) : IObjectCommand;

/// <summary>Replaces only the status (the <c>/status</c> subresource); metadata, spec and generation are kept. Same replies as <see cref="UpdateObject"/>.</summary>
public sealed record UpdateObjectStatus(IKubernetesObject Object) : IObjectCommand;

/// <summary>
/// Patches an object: <paramref name="Patch"/> is applied to the stored object's JSON, then the result
/// is stored as by <see cref="UpdateObject"/> (or <see cref="UpdateObjectStatus"/> when <paramref name="Status"/>).
/// A <c>metadata.resourceVersion</c> in the patch is a precondition. A malformed patch is BadRequest.
/// </summary>
public sealed record PatchObject(ObjectKey Key, PatchType Type, JsonNode Patch, bool Status = false) : IObjectCommand;

/// <summary>How a patch body is read (the Content-Type of a PATCH request).</summary>
public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c>: lists merge by their Kubernetes merge keys.</summary>
    StrategicMerge,
}

/// <summary>
/// Deletes an object. A pod bound to a node is deleted gracefully (deletionTimestamp = now + grace
/// period) until deleted again with grace period 0; an object with finalizers is only marked
/// (deletionTimestamp) until its finalizers are removed. Replies <see cref="ObjectReply"/> with the
/// last state (<see cref="ObjectReply.Removed"/> tells whether it is gone), or NotFound, Conflict.
/// </summary>
public sealed record DeleteObject(ObjectKey Key, DeleteOptions? Options = null) : IObjectCommand;

/// <summary>metav1.DeleteOptions: grace period, dependents' fate, and preconditions.</summary>
/// <param name="GracePeriodSeconds">Pods only: seconds before removal; null takes the pod's terminationGracePeriodSeconds (default 30); 0 removes now.</param>
/// <param name="PropagationPolicy">What happens to dependents (owner references); null means Background.</param>
/// <param name="PreconditionUid">When set, the stored uid must match, else Conflict.</param>
/// <param name="PreconditionResourceVersion">When set, the stored resourceVersion must match, else Conflict.</param>
public sealed record DeleteOptions(
    long? GracePeriodSeconds = null,
    PropagationPolicy? PropagationPolicy = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null);

/// <summary>What the garbage collector does with an object's dependents when it is deleted.</summary>
public enum PropagationPolicy
{
    /// <summary>The object goes at once; dependents are deleted afterwards.</summary>
    Background,

    /// <summary>The object stays (finalizer <c>foregroundDeletion</c>) until its dependents are gone.</summary>
    Foreground,

    /// <summary>Dependents lose their owner reference and stay (finalizer <c>orphan</c> until done).</summary>
    Orphan,
}

/// <summary>
/// The answer to every object command: the object (a copy the caller may change) or an error.
/// </summary>
/// <param name="Object">The object after the command; for a delete, its last state.</param>
/// <param name="Error">Why the command failed; null on success.</param>
/// <param name="Removed">For a delete: true when the object is gone, false when it only got a deletionTimestamp.</param>
public sealed record ObjectReply(IKubernetesObject? Object, StatusError? Error = null, bool Removed = false)
{
    /// <summary>True when the command succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A failed reply.</summary>
    public static ObjectReply Failed(StatusError error) => new(null, error);
}

/// <summary>Sent by an idle entity to its parent, which then stops it (buffering commands meanwhile).</summary>
public sealed record Passivate(object StopMessage);

/// <summary>The message a passivating parent sends its entity: it stops once any write in flight is done.</summary>
public sealed record StopEntity
{
    /// <summary>The one instance.</summary>
    public static readonly StopEntity Instance = new();
}

/// <summary>
/// Binds a pending pod to a node (the pods/binding subresource): sets spec.nodeName, which no update
/// may change, and the condition PodScheduled=True. Sent by the scheduler. Replies
/// <see cref="ObjectReply"/>: the bound pod, or NotFound, or Conflict when the pod is already bound,
/// is being deleted, or its uid differs from <paramref name="Uid"/>.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="NodeName">The node to bind it to.</param>
/// <param name="Uid">When set, the stored pod's uid must match (the pod the scheduler placed, not a namesake).</param>
public sealed record BindPod(string Namespace, string Name, string NodeName, string? Uid = null) : IObjectCommand;
