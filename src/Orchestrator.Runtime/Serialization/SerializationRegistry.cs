using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Runtime.Serialization;

/// <summary>
/// Maps each serializable type to an explicit, stable manifest (e.g. <c>pod-created/v1</c>) and
/// back. Persistence and remoting read only manifests registered here, never a type name taken
/// from storage or the wire, so stored data cannot make the process instantiate arbitrary types.
/// Old event versions are read through upcasters that rewrite their JSON into the current type.
/// </summary>
public sealed class SerializationRegistry
{
    private readonly ConcurrentDictionary<string, Type> _byManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _byType = new();
    private readonly ConcurrentDictionary<string, Func<JsonNode, (string Manifest, JsonNode Json)>> _upcasters = new(StringComparer.Ordinal);

    /// <summary>Creates a registry using <paramref name="options"/> (camelCase web defaults when null).</summary>
    public SerializationRegistry(JsonSerializerOptions? options = null) =>
        Options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    /// <summary>The JSON options every payload is written and read with.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>; registering the same pair again is a no-op.</summary>
    public SerializationRegistry Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>Registers <paramref name="type"/> under <paramref name="manifest"/>.</summary>
    public SerializationRegistry Register(Type type, string manifest)
    {
        if (string.IsNullOrWhiteSpace(manifest)) throw new ArgumentException("A manifest must not be empty.", nameof(manifest));
        var existingType = _byManifest.GetOrAdd(manifest, type);
        if (existingType != type)
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {existingType.FullName}; cannot register it for {type.FullName}.", nameof(manifest));
        var existingManifest = _byType.GetOrAdd(type, manifest);
        if (existingManifest != manifest)
            throw new ArgumentException($"{type.FullName} is already registered as '{existingManifest}'; cannot register it again as '{manifest}'.", nameof(type));
        return this;
    }

    /// <summary>
    /// Registers a rewrite of payloads stored under the old <paramref name="manifest"/>: it returns
    /// the manifest and JSON of the newer version, which may itself be upcast again.
    /// </summary>
    public SerializationRegistry RegisterUpcaster(string manifest, Func<JsonNode, (string Manifest, JsonNode Json)> upcast)
    {
        if (!_upcasters.TryAdd(manifest, upcast))
            throw new ArgumentException($"An upcaster for manifest '{manifest}' is already registered.", nameof(manifest));
        return this;
    }

    /// <summary>The type registered under <paramref name="manifest"/>, if any (remoting reads nested values this way).</summary>
    public bool TryGetType(string manifest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) => _byManifest.TryGetValue(manifest, out type);

    /// <summary>True when <paramref name="type"/> has a manifest.</summary>
    public bool IsRegistered(Type type) => _byType.ContainsKey(type);

    /// <summary>The manifest of <paramref name="type"/>; fails naming the type when it has none.</summary>
    public string ManifestOf(Type type) =>
        _byType.TryGetValue(type, out var m)
            ? m
            : throw new UnregisteredTypeException(type);

    /// <summary>Serializes <paramref name="value"/>, returning its manifest and UTF-8 JSON.</summary>
    public (string Manifest, byte[] Payload) Serialize(object value)
    {
        var manifest = ManifestOf(value.GetType());
        return (manifest, JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options));
    }

    /// <summary>Reads a payload stored under <paramref name="manifest"/>, upcasting old versions first.</summary>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        if (!_upcasters.IsEmpty && _upcasters.ContainsKey(manifest)) return DeserializeUpcast(manifest, payload);
        if (!_byManifest.TryGetValue(manifest, out var type)) throw new UnknownManifestException(manifest);
        return JsonSerializer.Deserialize(payload, type, Options)
               ?? throw new JsonException($"Payload of manifest '{manifest}' is JSON null.");
    }

    private object DeserializeUpcast(string manifest, ReadOnlySpan<byte> payload)
    {
        var json = JsonNode.Parse(payload) ?? throw new JsonException($"Payload of manifest '{manifest}' is JSON null.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_upcasters.TryGetValue(manifest, out var upcast))
        {
            if (!seen.Add(manifest)) throw new InvalidOperationException($"Upcasters form a cycle at manifest '{manifest}'.");
            (manifest, json) = upcast(json);
        }
        if (!_byManifest.TryGetValue(manifest, out var type)) throw new UnknownManifestException(manifest);
        return json.Deserialize(type, Options) ?? throw new JsonException($"Upcast payload of manifest '{manifest}' is JSON null.");
    }
}

/// <summary>A payload's manifest is not registered: the data was written by another version or another program.</summary>
public sealed class UnknownManifestException(string manifest)
    : Exception($"Unknown manifest '{manifest}': no type is registered for it. Register the type (SerializationRegistry.Register) or an upcaster for this manifest.")
{
    /// <summary>The unknown manifest.</summary>
    public string Manifest { get; } = manifest;
}

/// <summary>A value of a type without a manifest was to be serialized.</summary>
public sealed class UnregisteredTypeException(Type type)
    : Exception($"{type.FullName} has no manifest: register it with SerializationRegistry.Register<{type.Name}>(\"name/v1\") before persisting or sending it.")
{
    /// <summary>The unregistered type.</summary>
    public Type Type { get; } = type;
}
