using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// The apiserver's deletion semantics as a pure function: preconditions, the propagation
/// finalizers (<c>orphan</c>, <c>foregroundDeletion</c>), graceful deletion of pods bound to a node,
/// and finalizers that hold the object (with a deletionTimestamp) until they are removed.
/// </summary>
public static class DeletionRules
{
    /// <summary>Finalizer the garbage collector removes once dependents lost their owner reference.</summary>
    public const string OrphanFinalizer = "orphan";

    /// <summary>Finalizer the garbage collector removes once every dependent is gone.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>Namespace spec finalizer the namespace lifecycle removes once the namespace is empty.</summary>
    public const string NamespaceFinalizer = "kubernetes";

    /// <summary>Namespaces the system needs; deleting them is Forbidden, as in Kubernetes.</summary>
    public static readonly IReadOnlySet<string> ProtectedNamespaces = new HashSet<string>(["default", "kube-system", "kube-public"]);

    /// <summary>Default grace period of a pod that sets none (seconds).</summary>
    public const long DefaultPodGracePeriodSeconds = 30;

    /// <summary>Decides what a delete does to the stored object.</summary>
    public static Decision Delete(ResourceState state, ResourceType type, ObjectKey key, DeleteOptions? options, DateTimeOffset now)
    {
        options ??= new DeleteOptions();
        if (!state.Exists) return Decision.Fail(StatusError.NotFound(type.GroupResource, key.Name));
        var existing = state.Object!;
        if (existing is Namespace && ProtectedNamespaces.Contains(key.Name))
            return Decision.Fail(StatusError.Forbidden(type.GroupResource, key.Name, "this namespace may not be deleted"));
        if (options.PreconditionUid is { Length: > 0 } uid && uid != existing.Metadata.Uid)
            return Decision.Fail(StatusError.Conflict(type.GroupResource, key.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Metadata.Uid}"));
        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != state.VersionText)
            return Decision.Fail(StatusError.Conflict(type.GroupResource, key.Name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {state.VersionText}"));

        var obj = ObjectCodec.Copy(existing);
        var meta = obj.Metadata;
        var changed = AddPropagationFinalizer(meta, options.PropagationPolicy);
        var grace = GracePeriod(obj, options);
        var holding = ObjectRules.HoldingFinalizers(obj).Count > 0;

        if (meta.DeletionTimestamp is { } deadline)
        {
            // A second delete may only shorten a pending graceful deletion, or finish it with grace 0.
            var newDeadline = now.AddSeconds(grace);
            if (grace < (meta.DeletionGracePeriodSeconds ?? 0) || newDeadline < deadline)
            {
                if (!holding && grace == 0) return Decision.Persist(new ObjectRemoved(Node(obj)));
                meta.DeletionTimestamp = newDeadline < deadline ? newDeadline : deadline;
                meta.DeletionGracePeriodSeconds = grace;
                changed = true;
            }

            return changed ? Decision.Persist(new ObjectModified(Node(obj))) : Decision.NoChange(existing);
        }

        if (!holding && grace == 0) return Decision.Persist(new ObjectRemoved(Node(obj)));
        meta.DeletionTimestamp = now.AddSeconds(grace);
        meta.DeletionGracePeriodSeconds = grace;
        if (obj is Namespace ns) ns.Status = new NamespaceStatus { Phase = "Terminating", Conditions = ns.Status?.Conditions };
        return Decision.Persist(new ObjectModified(Node(obj)));
    }

    /// <summary>Pods bound to a node get their grace period (the node agent confirms the stop with a delete of grace 0); everything else 0.</summary>
    private static long GracePeriod(IKubernetesObject obj, DeleteOptions options)
    {
        if (obj is not Pod { Spec.NodeName: { Length: > 0 } } pod) return 0;
        if (pod.Status?.Phase is "Succeeded" or "Failed") return 0;
        return Math.Max(0, options.GracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? DefaultPodGracePeriodSeconds);
    }

    private static bool AddPropagationFinalizer(Model.Meta.ObjectMeta meta, PropagationPolicy? policy)
    {
        var finalizer = policy switch
        {
            PropagationPolicy.Orphan => OrphanFinalizer,
            PropagationPolicy.Foreground => ForegroundFinalizer,
            _ => null,
        };
        if (finalizer is null || (meta.Finalizers?.Contains(finalizer) ?? false)) return false;
        (meta.Finalizers ??= []).Add(finalizer);
        return true;
    }

    private static JsonObject Node(IKubernetesObject obj)
    {
        var node = ObjectCodec.ToNode(obj);
        ((JsonObject)node["metadata"]!).Remove("resourceVersion");
        return node;
    }
}
