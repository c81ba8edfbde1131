using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Model;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Store.Objects;

/// <summary>Moves objects between their typed form and the JSON tree events store (the Kubernetes wire shape).</summary>
public static class ObjectCodec
{
    /// <summary>The object as a JSON tree.</summary>
    public static JsonObject ToNode(IKubernetesObject obj) => ManifestSerializer.ToNode(obj);

    /// <summary>Types a tree by its apiVersion and kind; throws <see cref="JsonException"/> when they name no known kind.</summary>
    public static IKubernetesObject FromNode(JsonObject node, ResourceRegistry? registry = null)
    {
        var apiVersion = node["apiVersion"]?.GetValue<string>() ?? "";
        var kind = node["kind"]?.GetValue<string>() ?? "";
        if (!(registry ?? ResourceRegistry.Default).TryGetByKind(apiVersion, kind, out var type))
            throw new JsonException($"apiVersion '{apiVersion}' kind '{kind}' is not a known kind.");
        return FromNode(node, type);
    }

    /// <summary>Types a tree as <paramref name="type"/>.</summary>
    public static IKubernetesObject FromNode(JsonNode node, ResourceType type) =>
        (IKubernetesObject)(node.Deserialize(type.ClrType, KubernetesJson.Options) ?? throw new JsonException("the object is JSON null"));

    /// <summary>A deep copy, for a caller that will change it.</summary>
    public static T Copy<T>(T obj) where T : IKubernetesObject => ManifestSerializer.DeepCopy(obj);

    /// <summary>A resourceVersion as clients see it: an opaque decimal string.</summary>
    public static string FormatVersion(long resourceVersion) => resourceVersion.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a resourceVersion a client sent back; false when it is not one this store issued.</summary>
    public static bool TryParseVersion(string? text, out long resourceVersion) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out resourceVersion) && resourceVersion >= 0;
}
