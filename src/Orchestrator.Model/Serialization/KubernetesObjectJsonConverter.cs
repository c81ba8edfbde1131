using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Model.Serialization;

/// <summary>
/// Writes an object held as <see cref="IKubernetesObject"/> (in a message, a list, a command crossing to
/// another process) in its Kubernetes JSON shape, and reads it back as the registered type its
/// apiVersion and kind name. Without it, an interface-typed value would lose every field but the three
/// the interface declares. An unregistered kind fails the read with the kind named.
/// </summary>
public sealed class KubernetesObjectJsonConverter : JsonConverter<IKubernetesObject>
{
    /// <inheritdoc />
    public override IKubernetesObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var node = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("an API object must be a JSON object");
        return ManifestSerializer.Default.FromNode(node);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IKubernetesObject value, JsonSerializerOptions options) =>
        ManifestSerializer.ToNode(value).WriteTo(writer);
}
