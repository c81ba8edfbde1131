using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Model.Primitives;

/// <summary>Reads a quantity from a JSON string or number; writes the canonical string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc />
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
            _ => throw new JsonException($"a quantity must be a string or a number, not {reader.TokenType}"),
        };
        if (!Quantity.TryParse(text, out var quantity, out var error))
        {
            throw new JsonException($"quantity \"{text}\": {error}");
        }

        return quantity;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
