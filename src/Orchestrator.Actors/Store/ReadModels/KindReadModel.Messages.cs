using Orchestrator.Actors.Store.Errors;
using Orchestrator.Model;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>
/// Lists objects of one kind (send to the <see cref="Front.ObjectStore"/>). <paramref name="ResourceVersion"/>
/// follows Kubernetes: null or empty = a consistent read (reflects every write acknowledged before the
/// request); <c>"0"</c> = whatever the read model holds now; any other value = at least that
/// resourceVersion (the read model waits until it has applied it). Replies <see cref="ObjectList"/>.
/// </summary>
/// <param name="Group">API group of the kind ("" for core).</param>
/// <param name="Kind">The kind, e.g. Pod.</param>
/// <param name="Namespace">Only this namespace; null for all.</param>
/// <param name="LabelSelector">e.g. <c>app=web,tier in (fe,be)</c>; null for all.</param>
/// <param name="FieldSelector">e.g. <c>spec.nodeName=n1,status.phase!=Failed</c>; null for all.</param>
/// <param name="ResourceVersion">See the summary.</param>
/// <param name="Limit">Most items in this page (capped by list-page-size-max); null or 0 for all.</param>
/// <param name="Continue">The token of the previous page's reply.</param>
public sealed record ListObjects(
    string Group,
    string Kind,
    string? Namespace = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    string? ResourceVersion = null,
    int? Limit = null,
    string? Continue = null);

/// <summary>
/// A page of a List: items in namespace/name order, the resourceVersion the page is consistent at
/// (a watch from it sees exactly the later changes), and the token of the next page when more remain.
/// Items are shared with the read model and every other reader, as in an informer cache: treat them
/// as read-only and copy one (<see cref="Objects.ObjectCodec.Copy{T}"/>) before changing it.
/// </summary>
public sealed record ObjectList(
    IReadOnlyList<IKubernetesObject> Items,
    string ResourceVersion,
    string? Continue = null,
    long? RemainingItemCount = null,
    StatusError? Error = null)
{
    /// <summary>True when the list succeeded.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>
/// Opens a watch for the sender. From resourceVersion R (as returned by a List or seen in an
/// object) it sends every later change, in order, once. With null or "" it first sends ADDED for
/// every match of a consistent read (every acknowledged write included); with "0", of whatever the
/// read model holds now. Replies <see cref="WatchStarted"/>, then <see cref="WatchEvent"/>s; or a
/// single ERROR event (410 Expired when R is older than the retained history, 400 for a bad selector).
/// </summary>
public sealed record WatchObjects(
    string Group,
    string Kind,
    string? Namespace = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    string? ResourceVersion = null,
    bool AllowBookmarks = true);

/// <summary>The watch is open; events carry <paramref name="WatchId"/>.</summary>
public sealed record WatchStarted(string WatchId, string ResourceVersion);

/// <summary>
/// One watch event. For BOOKMARK the object is null and <paramref name="ResourceVersion"/> is how far
/// the watch has seen; for ERROR <paramref name="Error"/> says why the watch ended. The object is shared
/// with other readers: treat it as read-only.
/// </summary>
public sealed record WatchEvent(string WatchId, WatchEventType Type, IKubernetesObject? Object, string ResourceVersion, StatusError? Error = null);

/// <summary>Closes a watch (the watch also ends when its subscriber stops).</summary>
public sealed record CancelWatch(string Group, string Kind, string WatchId);
