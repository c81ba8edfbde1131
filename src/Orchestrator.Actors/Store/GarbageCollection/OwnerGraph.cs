using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.GarbageCollection;

/// <summary>What the garbage collector knows of one object.</summary>
/// <param name="Uid">The object's uid.</param>
/// <param name="Key">Where to send commands for it.</param>
/// <param name="OwnerUids">Uids of its owners (owner references).</param>
/// <param name="Finalizers">Finalizers holding it (metadata, plus a namespace's spec finalizers).</param>
/// <param name="Deleting">True once it has a deletionTimestamp.</param>
public sealed record GraphNode(string Uid, ObjectKey Key, IReadOnlyList<string> OwnerUids, IReadOnlyList<string> Finalizers, bool Deleting)
{
    /// <summary>True when the object is a namespace.</summary>
    public bool IsNamespace => Key.Group.Length == 0 && Key.Kind == "Namespace";
}

/// <summary>
/// Every object's uid, owners, finalizers and namespace, kept from the <c>all-objects</c> stream:
/// the dependents of an owner and the contents of a namespace. Pure data, no actor.
/// </summary>
public sealed class OwnerGraph(KindCatalog catalog)
{
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _namespaceUids = new(StringComparer.Ordinal);

    /// <summary>Number of objects known.</summary>
    public int Count => _nodes.Count;

    /// <summary>The object with <paramref name="uid"/>, or null when it does not exist (any more).</summary>
    public GraphNode? Find(string uid) => _nodes.GetValueOrDefault(uid);

    /// <summary>Every object known.</summary>
    public IEnumerable<GraphNode> All => _nodes.Values;

    /// <summary>The uids of objects that name <paramref name="ownerUid"/> as an owner.</summary>
    public IReadOnlyCollection<string> DependentsOf(string ownerUid) =>
        _dependents.TryGetValue(ownerUid, out var set) ? set : [];

    /// <summary>The uids of the objects in namespace <paramref name="ns"/>.</summary>
    public IReadOnlyCollection<string> InNamespace(string ns) => _byNamespace.TryGetValue(ns, out var set) ? set : [];

    /// <summary>The uid of namespace <paramref name="ns"/>, or null when it does not exist.</summary>
    public string? NamespaceUid(string ns) => _namespaceUids.GetValueOrDefault(ns);

    /// <summary>Applies one event; returns the node before it (null when new) and after it (null when removed).</summary>
    public (GraphNode? Before, GraphNode? After) Apply(ResourceEvent e, IKubernetesObject obj)
    {
        var uid = obj.Metadata.Uid ?? "";
        var before = _nodes.GetValueOrDefault(uid);
        if (before is not null) Unlink(before);
        if (e is ObjectRemoved || !catalog.TryGet(obj, out var type)) return (before, null);
        var after = NodeOf(obj, type);
        _nodes[uid] = after;
        foreach (var owner in after.OwnerUids) SetOf(_dependents, owner).Add(uid);
        if (after.Key.Namespace is { } ns) SetOf(_byNamespace, ns).Add(uid);
        if (after.IsNamespace) _namespaceUids[after.Key.Name] = uid;
        return (before, after);
    }

    private void Unlink(GraphNode node)
    {
        _nodes.Remove(node.Uid);
        foreach (var owner in node.OwnerUids) RemoveFrom(_dependents, owner, node.Uid);
        if (node.Key.Namespace is { } ns) RemoveFrom(_byNamespace, ns, node.Uid);
        if (node.IsNamespace) _namespaceUids.Remove(node.Key.Name);
    }

    private GraphNode NodeOf(IKubernetesObject obj, ResourceType type)
    {
        var meta = obj.Metadata;
        // An owner of a kind this store does not serve can never be seen here: it must not look absent.
        var owners = meta.OwnerReferences?
            .Where(o => o.Uid.Length > 0 && catalog.Registry.TryGetByKind(o.ApiVersion, o.Kind, out _))
            .Select(o => o.Uid).Distinct().ToList() ?? [];
        return new GraphNode(meta.Uid ?? "", ObjectKey.For(type, meta.Namespace, meta.Name ?? ""), owners,
            ObjectRules.HoldingFinalizers(obj), meta.DeletionTimestamp is not null);
    }

    private static HashSet<string> SetOf(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        return set;
    }

    private static void RemoveFrom(Dictionary<string, HashSet<string>> map, string key, string uid)
    {
        if (map.TryGetValue(key, out var set) && set.Remove(uid) && set.Count == 0) map.Remove(key);
    }
}
