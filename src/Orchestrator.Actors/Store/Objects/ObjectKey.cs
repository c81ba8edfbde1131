using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Objects;

/// <summary>
/// Identifies one API object: what a shard region would extract as the entity id. Cluster-scoped
/// kinds have a null <see cref="Namespace"/>. The core group is written <c>core</c> in ids, so no id
/// starts with a slash.
/// </summary>
public sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="name"/> of kind <paramref name="type"/> (the namespace is dropped for cluster-scoped kinds).</summary>
    public static ObjectKey For(ResourceType type, string? ns, string name) =>
        new(type.Group, type.Kind, type.Namespaced ? ns : null, name);

    /// <summary>The persistence id: <c>{group}/{kind}/{namespace}/{name}</c>, or <c>{group}/{kind}/{name}</c> when cluster-scoped.</summary>
    public string PersistenceId =>
        Namespace is null ? $"{GroupSegment}/{Kind}/{Name}" : $"{GroupSegment}/{Kind}/{Namespace}/{Name}";

    /// <summary>The entity's actor name: the persistence id, escaped to one path segment.</summary>
    public string EntityName => Uri.EscapeDataString(PersistenceId);

    /// <summary>The key whose <see cref="EntityName"/> is <paramref name="entityName"/> (what a shard region hands its entity factory).</summary>
    public static ObjectKey FromEntityName(string entityName)
    {
        var parts = Uri.UnescapeDataString(entityName).Split('/');
        if (parts.Length is not (3 or 4) || parts.Any(p => p.Length == 0))
            throw new ArgumentException($"'{entityName}' is not an object's entity name ({{group}}/{{kind}}/[{{namespace}}/]{{name}})", nameof(entityName));
        var group = parts[0] == "core" ? "" : parts[0];
        return parts.Length == 3 ? new ObjectKey(group, parts[1], null, parts[2]) : new ObjectKey(group, parts[1], parts[2], parts[3]);
    }

    private string GroupSegment => Group.Length == 0 ? "core" : Group;

    /// <inheritdoc />
    public override string ToString() => PersistenceId;
}
