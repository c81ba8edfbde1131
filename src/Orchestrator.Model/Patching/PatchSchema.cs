using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Patching;

/// <summary>
/// What strategic merge patch needs to know about a position in an object: for each field its schema and whether
/// it is a merging list (and by which key). Built from the model types' System.Text.Json contracts and their
/// <see cref="PatchMergeAttribute"/>s. An unknown schema treats every list as atomic (plain JSON merge behavior).
/// </summary>
public sealed class PatchSchema
{
    private static readonly ConcurrentDictionary<Type, PatchSchema> _cache = new();
    private readonly JsonTypeInfo? _info;
    private readonly ConcurrentDictionary<string, (PatchSchema Schema, PatchMergeAttribute? Merge)> _fields = new(StringComparer.Ordinal);

    private PatchSchema(JsonTypeInfo? info)
    {
        _info = info;
    }

    /// <summary>A schema that knows nothing: maps merge, lists are replaced.</summary>
    public static PatchSchema Unknown { get; } = new(null);

    /// <summary>The schema of a model type, e.g. <c>typeof(Pod)</c>.</summary>
    public static PatchSchema For(Type type) => _cache.GetOrAdd(type, t => new PatchSchema(KubernetesJson.Options.GetTypeInfo(t)));

    /// <summary>The schema of list elements (for list positions).</summary>
    public PatchSchema Element =>
        _info is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } ? For(element) : Unknown;

    /// <summary>The schema of a field and its list merge strategy, if any.</summary>
    public (PatchSchema Schema, PatchMergeAttribute? Merge) Field(string name) => _fields.GetOrAdd(name, Lookup);

    private (PatchSchema, PatchMergeAttribute?) Lookup(string name)
    {
        switch (_info?.Kind)
        {
            case JsonTypeInfoKind.Object:
                var property = _info.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    return (Unknown, null);
                }

                var merge = property.AttributeProvider?.GetCustomAttributes(typeof(PatchMergeAttribute), true)
                    .OfType<PatchMergeAttribute>().FirstOrDefault();
                return (For(property.PropertyType), merge);
            case JsonTypeInfoKind.Dictionary when _info.ElementType is { } valueType:
                return (For(valueType), null);
            default:
                return (Unknown, null);
        }
    }
}
