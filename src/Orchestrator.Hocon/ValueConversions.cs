using System.Globalization;

namespace Orchestrator.Hocon;

/// <summary>
/// Converts a resolved value to the type a getter asks for, applying the spec's automatic conversions
/// (strings to numbers and booleans, numbers to strings) and naming the path and origin on failure.
/// </summary>
internal static class ValueConversions
{
    public static string ToText(HoconValue value, string path) => value switch
    {
        HoconScalar scalar => scalar.Text,
        _ => throw WrongType(value, path, "a string"),
    };

    public static long ToLong(HoconValue value, string path)
    {
        var text = ToScalarText(value, path, "a whole number");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        // Accept 1e3 or 10.0, as long as the value is whole and fits.
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            return (long)number;
        }

        throw Invalid(value, path, $"expected a whole number but found '{text}'");
    }

    public static int ToInt(HoconValue value, string path)
    {
        var number = ToLong(value, path);
        if (number is < int.MinValue or > int.MaxValue)
        {
            throw Invalid(value, path, $"{number} does not fit in a 32-bit integer");
        }

        return (int)number;
    }

    public static double ToDouble(HoconValue value, string path)
    {
        var text = ToScalarText(value, path, "a number");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result))
        {
            return result;
        }

        throw Invalid(value, path, $"expected a number but found '{text}'");
    }

    public static bool ToBoolean(HoconValue value, string path)
    {
        var text = ToScalarText(value, path, "a boolean");
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                throw Invalid(value, path, $"expected a boolean (true/false, yes/no, on/off) but found '{text}'");
        }
    }

    public static TimeSpan ToTimeSpan(HoconValue value, string path)
    {
        var text = ToScalarText(value, path, "a duration");
        if (DurationParser.TryParse(text, out var duration, out var error))
        {
            return duration;
        }

        throw Invalid(value, path, $"invalid duration '{text}': {error}");
    }

    public static long ToByteSize(HoconValue value, string path)
    {
        var text = ToScalarText(value, path, "a size in bytes");
        if (ByteSizeParser.TryParse(text, out var bytes, out var error))
        {
            return bytes;
        }

        throw Invalid(value, path, $"invalid size in bytes '{text}': {error}");
    }

    public static IReadOnlyList<T> ToList<T>(HoconValue value, string path, Func<HoconValue, string, T> convert)
    {
        if (value is not HoconArray array)
        {
            throw WrongType(value, path, "a list");
        }

        var items = new T[array.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = convert(array.Items[i], $"{path}[{i}]");
        }

        return items;
    }

    private static string ToScalarText(HoconValue value, string path, string expected) => value switch
    {
        HoconScalar { Kind: not ScalarKind.Null } scalar => scalar.Text,
        _ => throw WrongType(value, path, expected),
    };

    private static ConfigException WrongType(HoconValue value, string path, string expected) =>
        Invalid(value, path, $"expected {expected} but found {Describe(value)}");

    private static ConfigException Invalid(HoconValue value, string path, string problem) =>
        new(value.Origin, $"setting '{path}': {problem}");

    private static string Describe(HoconValue value) => value switch
    {
        HoconScalar { Kind: ScalarKind.Null } => "null",
        HoconScalar scalar => $"{scalar.TypeName} '{scalar.Text}'",
        _ => $"{(value is HoconArray ? "a" : "an")} {value.TypeName}",
    };
}
