using System.Diagnostics.CodeAnalysis;
using Orchestrator.Model;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Objects;

/// <summary>The kinds the store serves, looked up by (group, kind) as keys and tags name them.</summary>
public sealed class KindCatalog
{
    private readonly Dictionary<(string Group, string Kind), ResourceType> _byGroupKind = [];

    /// <summary>Indexes every kind of <paramref name="registry"/>.</summary>
    public KindCatalog(ResourceRegistry registry)
    {
        Registry = registry;
        foreach (var type in registry.All) _byGroupKind.TryAdd((type.Group, type.Kind), type);
    }

    /// <summary>Every built-in kind.</summary>
    public static KindCatalog Default { get; } = new(ResourceRegistry.Default);

    /// <summary>The underlying registry.</summary>
    public ResourceRegistry Registry { get; }

    /// <summary>Every kind.</summary>
    public IReadOnlyList<ResourceType> All => Registry.All;

    /// <summary>The kind of a (group, kind) pair.</summary>
    public bool TryGet(string group, string kind, [NotNullWhen(true)] out ResourceType? type) =>
        _byGroupKind.TryGetValue((group, kind), out type);

    /// <summary>The kind an object says it is (apiVersion and kind).</summary>
    public bool TryGet(IKubernetesObject obj, [NotNullWhen(true)] out ResourceType? type) =>
        Registry.TryGetByKind(obj.ApiVersion, obj.Kind, out type) || Registry.TryGetByClrType(obj.GetType(), out type);

    /// <summary>The kind of a key; throws when the key names no known kind.</summary>
    public ResourceType Get(ObjectKey key) =>
        TryGet(key.Group, key.Kind, out var type) ? type : throw new KeyNotFoundException($"No kind {key.Kind} in group '{key.Group}'.");
}
