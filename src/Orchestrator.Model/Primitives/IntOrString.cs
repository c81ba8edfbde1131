using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Model.Primitives;

/// <summary>
/// A value that is either a 32-bit integer or a string, as Kubernetes' intstr.IntOrString
/// (ports by number or name, <c>maxSurge: 25%</c>).
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly struct IntOrString : IEquatable<IntOrString>
{
    private readonly string? _stringValue;

    private IntOrString(int intValue, string? stringValue)
    {
        IntValue = intValue;
        _stringValue = stringValue;
    }

    /// <summary>True when this holds a string.</summary>
    public bool IsString => _stringValue is not null;

    /// <summary>The integer; 0 when this holds a string.</summary>
    public int IntValue { get; }

    /// <summary>The string; the integer's digits when this holds an integer.</summary>
    public string StringValue => _stringValue ?? IntValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>Wraps an integer.</summary>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>Wraps a string.</summary>
    public static IntOrString FromString(string value) => new(0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Wraps an integer.</summary>
    public static implicit operator IntOrString(int value) => FromInt(value);

    /// <summary>Wraps a string.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>True when this is a percentage string such as <c>25%</c>.</summary>
    public bool IsPercent => _stringValue is { Length: > 1 } s && s[^1] == '%'
        && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// Resolves an integer or a percentage of <paramref name="total"/>, rounding up or down, as
    /// Kubernetes' GetScaledValueFromIntOrPercent does for maxSurge (up) and maxUnavailable (down).
    /// </summary>
    public int ScaledValue(int total, bool roundUp)
    {
        if (!IsString)
        {
            return IntValue;
        }

        if (!IsPercent || _stringValue is null)
        {
            throw new FormatException($"invalid value for IntOrString: invalid value \"{_stringValue}\": must be an integer or a percentage");
        }

        var percent = int.Parse(_stringValue.AsSpan(0, _stringValue.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var product = (long)percent * total;
        return (int)(roundUp ? (product + 99) / 100 : product / 100);
    }

    /// <inheritdoc />
    public bool Equals(IntOrString other) => IsString == other.IsString && IntValue == other.IntValue && _stringValue == other._stringValue;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IntOrString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsString, IntValue, _stringValue);

    /// <summary>Equality.</summary>
    public static bool operator ==(IntOrString left, IntOrString right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IntOrString left, IntOrString right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => StringValue;
}

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc />
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => IntOrString.FromInt(reader.GetInt32()),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException($"an int-or-string must be a number or a string, not {reader.TokenType}"),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsString)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
