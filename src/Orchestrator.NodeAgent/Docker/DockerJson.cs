using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>Serializer settings matching the Engine API's JSON.</summary>
internal static class DockerJson
{
    /// <summary>
    /// Property names are spelled exactly as Docker spells them (PascalCase properties need no attribute);
    /// nulls are left out because the daemon treats a missing field as "use the default" but some null
    /// fields as an explicit value.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}

/// <summary>
/// Docker writes port sets as objects whose keys are the ports and whose values are always <c>{}</c>
/// (<c>{"80/tcp":{}}</c>); callers only care about the keys.
/// </summary>
internal sealed class PortSetJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a port set object, found {reader.TokenType}");
        }

        var ports = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ports.Add(reader.GetString() ?? string.Empty);
            reader.Read();
            reader.Skip();
        }

        return ports;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var port in value)
        {
            writer.WriteStartObject(port);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
