using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Model.Primitives;

/// <summary>
/// metav1.Time: RFC 3339 in UTC with whole seconds (<c>2024-05-01T12:00:00Z</c>). Fractions are dropped on
/// read as well as on write so that a value read and written back compares equal.
/// </summary>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = RfcTime.Parse(reader.GetString() ?? throw new JsonException("a time must be a string"));
        return new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

/// <summary>metav1.MicroTime: RFC 3339 in UTC with six fractional digits (<c>2024-05-01T12:00:00.000000Z</c>).</summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    private const long TicksPerMicrosecond = 10;

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = RfcTime.Parse(reader.GetString() ?? throw new JsonException("a time must be a string"));
        return new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
}

/// <summary>RFC 3339 parsing shared by the time converters.</summary>
internal static class RfcTime
{
    public static DateTimeOffset Parse(string text)
    {
        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var value)
            && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        throw new JsonException($"parsing time \"{text}\": not an RFC 3339 time such as \"2006-01-02T15:04:05Z\"");
    }
}
