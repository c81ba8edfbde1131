using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;

namespace Orchestrator.Actors.Store.GarbageCollection;

/// <summary>One command the garbage collector sends; <see cref="Id"/> tells repeated decisions apart from new ones.</summary>
public sealed record CollectorAction(string Id, ObjectKey Target, IObjectCommand Command);

/// <summary>
/// What the garbage collector does about one object, as a pure function of the graph (Kubernetes'
/// garbage collector and namespace lifecycle, level-triggered: the same graph gives the same actions).
/// </summary>
public static class CollectorRules
{
    /// <summary>The actions that move <paramref name="uid"/> and its dependents towards their desired end.</summary>
    public static IEnumerable<CollectorAction> Sync(OwnerGraph graph, string uid)
    {
        if (graph.Find(uid) is not { } node) yield break;
        if (node.Deleting)
        {
            var dependents = graph.DependentsOf(uid).Select(graph.Find).OfType<GraphNode>().ToList();
            if (node.Finalizers.Contains(DeletionRules.ForegroundFinalizer))
            {
                if (dependents.Count == 0) yield return RemoveFinalizer(node, DeletionRules.ForegroundFinalizer);
                foreach (var d in dependents.Where(d => !d.Deleting)) yield return Delete(d, PropagationPolicy.Foreground);
            }

            if (node.Finalizers.Contains(DeletionRules.OrphanFinalizer))
            {
                if (dependents.Count == 0) yield return RemoveFinalizer(node, DeletionRules.OrphanFinalizer);
                foreach (var d in dependents) yield return RemoveOwnerReference(d, uid);
            }

            if (node.IsNamespace && node.Finalizers.Contains(DeletionRules.NamespaceFinalizer))
            {
                var contents = graph.InNamespace(node.Key.Name).Select(graph.Find).OfType<GraphNode>().ToList();
                if (contents.Count == 0) yield return FinalizeNamespace(node);
                foreach (var c in contents.Where(c => !c.Deleting)) yield return Delete(c, PropagationPolicy.Background);
            }
        }
        else if (node.OwnerUids.Count > 0 && node.OwnerUids.All(o => graph.Find(o) is null))
        {
            yield return Delete(node, PropagationPolicy.Background);
        }
        else if (node.Key.Namespace is { } ns && graph.NamespaceUid(ns) is null)
        {
            // Admitted while its namespace was still there, created after it was removed.
            yield return Delete(node, PropagationPolicy.Background);
        }
    }

    private static CollectorAction Delete(GraphNode node, PropagationPolicy policy) =>
        new($"delete {node.Uid}", node.Key, new DeleteObject(node.Key, new DeleteOptions(PropagationPolicy: policy, PreconditionUid: node.Uid)));

    private static CollectorAction RemoveFinalizer(GraphNode node, string finalizer) =>
        new($"finalize {node.Uid} {finalizer}", node.Key, new PatchObject(node.Key, PatchType.StrategicMerge, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = node.Uid,
                ["$deleteFromPrimitiveList/finalizers"] = new JsonArray(finalizer),
            },
        }));

    private static CollectorAction RemoveOwnerReference(GraphNode dependent, string ownerUid) =>
        new($"orphan {dependent.Uid} {ownerUid}", dependent.Key, new PatchObject(dependent.Key, PatchType.StrategicMerge, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = dependent.Uid,
                ["ownerReferences"] = new JsonArray(new JsonObject { ["$patch"] = "delete", ["uid"] = ownerUid }),
            },
        }));

    private static CollectorAction FinalizeNamespace(GraphNode ns) =>
        new($"finalize {ns.Uid} namespace", ns.Key, new PatchObject(ns.Key, PatchType.Merge, new JsonObject
        {
            ["metadata"] = new JsonObject { ["uid"] = ns.Uid },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray() },
        }));
}
