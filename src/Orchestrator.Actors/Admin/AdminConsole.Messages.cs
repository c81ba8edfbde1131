using Orchestrator.Actors.Store.Errors;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// A request to the <see cref="AdminConsole"/>. Every field is plain data (objects travel as JSON text), so the
/// messages cross processes with the manifests of <see cref="AdminManifests"/>.
/// </summary>
public interface IAdminRequest;

/// <summary>
/// Which objects a request is about, as a user names them on the command line.
/// </summary>
/// <param name="Resource">A kind as kubectl accepts it: plural, singular, short name or kind, optionally <c>.group</c> (<c>po</c>, <c>deployments.apps</c>).</param>
/// <param name="Namespace">The namespace (<c>-n</c>); null means <c>default</c> for namespaced kinds.</param>
/// <param name="AllNamespaces">Every namespace (<c>-A</c>); ignored for cluster-scoped kinds.</param>
/// <param name="Names">Objects by name; empty means every object the selectors match.</param>
/// <param name="LabelSelector">e.g. <c>app=web,tier!=db</c> (<c>-l</c>).</param>
/// <param name="FieldSelector">e.g. <c>spec.nodeName=n1</c> (<c>--field-selector</c>).</param>
public sealed record ResourceQuery(
    string Resource,
    string? Namespace = null,
    bool AllNamespaces = false,
    IReadOnlyList<string>? Names = null,
    string? LabelSelector = null,
    string? FieldSelector = null);

/// <summary>A failed request or a failure for one object, with the server's reason and code (as metav1.Status).</summary>
/// <param name="Reason">NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Forbidden, Timeout...</param>
/// <param name="Code">The HTTP-style code: 404, 409, 422, 400...</param>
/// <param name="Message">As the apiserver words it, e.g. <c>pods "web" not found</c>.</param>
public sealed record AdminError(string Reason, int Code, string Message)
{
    /// <summary>The admin form of a store error.</summary>
    public static AdminError From(StatusError error) => new(error.Reason, error.Code, error.Message);

    /// <summary>A malformed request (400).</summary>
    public static AdminError BadRequest(string message) => From(StatusError.BadRequest(message));

    /// <summary>The name does not denote a kind (404): kubectl's <c>the server doesn't have a resource type "x"</c>.</summary>
    public static AdminError UnknownResource(string resource) =>
        new(StatusError.NotFoundReason, 404, $"the server doesn't have a resource type \"{resource}\"");
}

/// <summary>How <see cref="WriteObjects"/> stores each object.</summary>
public enum WriteMode
{
    /// <summary><c>apply</c>: create, or update by a three-way merge with the last-applied-configuration annotation.</summary>
    Apply,

    /// <summary><c>create</c>: create; AlreadyExists when present.</summary>
    Create,

    /// <summary><c>replace</c>: replace the whole object; NotFound when absent.</summary>
    Replace,
}

/// <summary>Stores objects (<c>apply</c>, <c>create</c>, <c>replace</c>). Replies <see cref="AdminResult"/>, one outcome per object in order.</summary>
/// <param name="Manifests">Each object as JSON text (the CLI has parsed and validated the files).</param>
/// <param name="Namespace">Namespace for objects that name none; an object naming another one is refused.</param>
/// <param name="Mode">Apply, create or replace.</param>
public sealed record WriteObjects(IReadOnlyList<string> Manifests, string? Namespace, WriteMode Mode) : IAdminRequest;

/// <summary>What happened to one object.</summary>
/// <param name="Resource">kubectl's singular resource prefix, e.g. <c>deployment.apps</c> or <c>pod</c>.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Namespace">Its namespace; null for cluster-scoped kinds.</param>
/// <param name="Action">created, configured, unchanged, replaced, deleted, scaled, labeled, annotated, cordoned, evicted, restarted...</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record ObjectOutcome(string Resource, string Name, string? Namespace, string Action, AdminError? Error = null);

/// <summary>The reply to every write request: an outcome per object, and an error for the request as a whole.</summary>
public sealed record AdminResult(IReadOnlyList<ObjectOutcome> Outcomes, AdminError? Error = null)
{
    /// <summary>A request that failed before touching any object.</summary>
    public static AdminResult Failed(AdminError error) => new([], error);
}

/// <summary>Reads objects (<c>get</c>). Replies <see cref="ObjectsFound"/>.</summary>
public sealed record GetObjects(ResourceQuery Query) : IAdminRequest;

/// <summary>
/// The objects found, as JSON text in Kubernetes shape, with what kind they are and the resourceVersion the list
/// was taken at. <paramref name="Errors"/> holds one entry per missing name; <paramref name="Error"/> a failed request.
/// </summary>
public sealed record ObjectsFound(
    string Kind,
    string ApiVersion,
    bool Namespaced,
    IReadOnlyList<string> Items,
    string ResourceVersion,
    IReadOnlyList<AdminError> Errors,
    AdminError? Error = null)
{
    /// <summary>A request that failed as a whole.</summary>
    public static ObjectsFound Failed(AdminError error) => new("", "", false, [], "", [], error);
}

/// <summary>
/// Streams changes to the sender (<c>get -w</c>): <see cref="WatchOpened"/>, then <see cref="ObjectWatched"/> per change,
/// until the sender stops, sends <see cref="StopWatching"/>, or gets <see cref="WatchEnded"/>.
/// </summary>
/// <param name="Query">What to watch (names are matched after the selectors).</param>
/// <param name="ResourceVersion">Continue from this version (from a list); null starts with ADDED for every current match.</param>
public sealed record WatchResources(ResourceQuery Query, string? ResourceVersion) : IAdminRequest;

/// <summary>The watch is open; <paramref name="Watch"/> takes <see cref="StopWatching"/>.</summary>
public sealed record WatchOpened(IActorRef Watch, string Kind, string ApiVersion, bool Namespaced);

/// <summary>One change: ADDED, MODIFIED or DELETED, and the object as JSON text.</summary>
public sealed record ObjectWatched(string Type, string Object);

/// <summary>The watch ended on the server's side, with why.</summary>
public sealed record WatchEnded(AdminError Error);

/// <summary>Closes a watch; send to <see cref="WatchOpened.Watch"/>.</summary>
public sealed record StopWatching;

/// <summary>Reads objects with their recent Events (<c>describe</c>). Replies <see cref="ObjectsDescribed"/>.</summary>
public sealed record DescribeObjects(ResourceQuery Query) : IAdminRequest;

/// <summary>One described object (JSON text) and its Events (JSON text, oldest first).</summary>
public sealed record DescribedObject(string Object, IReadOnlyList<string> Events);

/// <summary>The described objects, the missing names, or why the request failed.</summary>
public sealed record ObjectsDescribed(IReadOnlyList<DescribedObject> Objects, IReadOnlyList<AdminError> Errors, AdminError? Error = null);

/// <summary>
/// Deletes objects (<c>delete</c>): by name, by selector, or all of a kind (<paramref name="All"/>). Replies
/// <see cref="AdminResult"/> with <c>deleted</c> per object. Without names, selector or <paramref name="All"/> it is refused.
/// </summary>
/// <param name="Query">Which objects.</param>
/// <param name="All">Every object of the kind in the namespace (<c>--all</c>).</param>
/// <param name="Cascade">background, foreground or orphan (<c>--cascade</c>).</param>
/// <param name="GracePeriodSeconds">Pods: seconds before removal; null = the pod's own.</param>
public sealed record DeleteObjects(ResourceQuery Query, bool All, string Cascade = "background", long? GracePeriodSeconds = null) : IAdminRequest;

/// <summary>Sets spec.replicas (<c>scale</c>) of Deployments, ReplicaSets and StatefulSets. Replies <see cref="AdminResult"/> with <c>scaled</c>.</summary>
public sealed record ScaleObjects(ResourceQuery Query, int Replicas) : IAdminRequest;

/// <summary>
/// Changes labels or annotations (<c>label</c>, <c>annotate</c>): a null value removes the key. Changing an existing value
/// needs <paramref name="Overwrite"/>. Replies <see cref="AdminResult"/> with <c>labeled</c> / <c>annotated</c>.
/// </summary>
public sealed record ChangeMetadata(ResourceQuery Query, bool Annotations, IReadOnlyDictionary<string, string?> Changes, bool Overwrite) : IAdminRequest;

/// <summary>Marks a node (un)schedulable (<c>cordon</c>, <c>uncordon</c>). Replies <see cref="AdminResult"/>: cordoned, uncordoned, or already ....</summary>
public sealed record CordonNode(string Name, bool Unschedulable) : IAdminRequest;

/// <summary>
/// Cordons a node and evicts its pods (<c>drain</c>). Pods owned by a DaemonSet are skipped with
/// <paramref name="IgnoreDaemonSets"/> and refuse the drain without it; pods no controller owns refuse it unless
/// <paramref name="Force"/>. Replies <see cref="AdminResult"/>: the node cordoned, then each pod evicted.
/// </summary>
public sealed record DrainNode(string Name, bool IgnoreDaemonSets, bool Force, long? GracePeriodSeconds) : IAdminRequest;

/// <summary>What <see cref="RolloutCommand"/> does.</summary>
public enum RolloutAction
{
    /// <summary>Lists the revisions (ReplicaSets owned by the Deployment); replies <see cref="RolloutHistory"/>.</summary>
    History,

    /// <summary>Returns the pod template to a revision (the previous one by default).</summary>
    Undo,

    /// <summary>Stamps the template with <c>kubectl.kubernetes.io/restartedAt</c>, so every pod is replaced.</summary>
    Restart,

    /// <summary>Sets spec.paused.</summary>
    Pause,

    /// <summary>Clears spec.paused.</summary>
    Resume,
}

/// <summary>A rollout command on Deployments (<c>rollout history|undo|restart|pause|resume</c>). Replies <see cref="AdminResult"/> or <see cref="RolloutHistory"/>.</summary>
public sealed record RolloutCommand(ResourceQuery Query, RolloutAction Action, long? ToRevision = null) : IAdminRequest;

/// <summary>One revision of a Deployment: its number and change-cause annotation.</summary>
public sealed record RolloutRevision(long Revision, string? ChangeCause, string ReplicaSet);

/// <summary>The revisions of one Deployment, oldest first.</summary>
public sealed record RolloutHistory(string Name, IReadOnlyList<RolloutRevision> Revisions, AdminError? Error = null);

/// <summary>The reply to any request that failed unexpectedly inside the console (a bug or a lost store), with why.</summary>
public sealed record AdminFailed(AdminError Error);

/// <summary>
/// Streams a container's output (<c>logs</c>). The console finds the pod's node and relays the request to its agent:
/// the sender gets <see cref="ContainerSelected"/> when the console chose the pod or container itself, then the
/// agent's <see cref="NodeApi.LogChunk"/>s and <see cref="NodeApi.LogEnd"/> or <see cref="NodeApi.LogsFailed"/>,
/// or <see cref="AdminFailed"/> when the pod, container or agent cannot be found. Every chunk's sender is the
/// relay, which takes <see cref="NodeApi.CancelLogs"/> and ends when the sender stops.
/// </summary>
/// <param name="Target">The pod (<c>web</c>, <c>pod/web</c>) or an object with a pod selector (<c>deploy/web</c>): its first pod.</param>
/// <param name="Namespace">The namespace; null means <c>default</c>.</param>
/// <param name="Container">The container (<c>-c</c>); null: the <c>kubectl.kubernetes.io/default-container</c> annotation, else the first.</param>
/// <param name="Options">What to read; its namespace, pod and container are filled in by the console.</param>
public sealed record PodLogs(string Target, string? Namespace, string? Container, NodeApi.GetContainerLogs Options) : IAdminRequest;

/// <summary>
/// Runs a command in a container (<c>exec</c>), relayed to the agent of the pod's node as <see cref="PodLogs"/> is:
/// the sender gets <see cref="ContainerSelected"/> when the console chose, then <see cref="NodeApi.ExecStarted"/> (after
/// which it may send <see cref="NodeApi.ExecInput"/> and <see cref="NodeApi.ExecInputEnd"/> to the sender of that message),
/// <see cref="NodeApi.ExecOutput"/> chunks and <see cref="NodeApi.ExecCompleted"/>; or <see cref="NodeApi.ExecFailed"/>,
/// or <see cref="AdminFailed"/>.
/// </summary>
/// <param name="Target">The pod, or an object with a pod selector.</param>
/// <param name="Namespace">The namespace; null means <c>default</c>.</param>
/// <param name="Container">The container (<c>-c</c>); null chooses as <see cref="PodLogs"/> does.</param>
/// <param name="Command">The executable and its arguments.</param>
/// <param name="Stdin">Pass the client's stdin to the process (<c>-i</c>).</param>
/// <param name="Tty">Give the process a terminal (<c>-t</c>).</param>
public sealed record PodExec(string Target, string? Namespace, string? Container, IReadOnlyList<string> Command, bool Stdin = false, bool Tty = false) : IAdminRequest;

/// <summary>Which pod and container the console chose for a <see cref="PodLogs"/> or <see cref="PodExec"/>, and kubectl's note about it.</summary>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name.</param>
/// <param name="Note">e.g. <c>Defaulted container "a" out of: a, b</c>, for stderr.</param>
public sealed record ContainerSelected(string Pod, string Container, string Note);
