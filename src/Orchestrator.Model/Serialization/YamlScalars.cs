using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Model.Serialization;

/// <summary>
/// Resolves plain YAML scalars to JSON values the way kubectl's YAML reader (YAML 1.1 rules) does:
/// null/~, true/false/yes/no/on/off, integers (decimal, 0x hex, 0o and leading-0 octal, 0b binary,
/// underscores allowed), floats; anything else, and every quoted scalar, is a string.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> _nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> _trues = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"];
    private static readonly HashSet<string> _falses = ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"];

    /// <summary>Resolves a plain (unquoted, untagged) scalar.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        if (_nulls.Contains(text))
        {
            return null;
        }

        if (_trues.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (_falses.Contains(text))
        {
            return JsonValue.Create(false);
        }

        if (TryParseInteger(text, out var integer))
        {
            return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text))
        {
            return JsonNode.Parse(NormalizeFloat(text));
        }

        return JsonValue.Create(text);
    }

    /// <summary>True when a string written plain would read back as something other than that string.</summary>
    public static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text != text.Trim())
        {
            return true;
        }

        return ResolvePlain(text) is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String;
    }

    /// <summary>Resolves a scalar with an explicit tag; core tags (!!str, !!int, !!float, !!bool, !!null) are honored, others ignored.</summary>
    public static JsonNode? ResolveTagged(string text, string tag)
    {
        const string corePrefix = "tag:yaml.org,2002:";
        if (!tag.StartsWith(corePrefix, StringComparison.Ordinal))
        {
            return ResolvePlain(text);
        }

        var name = tag[corePrefix.Length..];
        switch (name)
        {
            case "str":
                return JsonValue.Create(text);
            case "null":
                return null;
            case "bool" when _trues.Contains(text):
                return JsonValue.Create(true);
            case "bool" when _falses.Contains(text):
                return JsonValue.Create(false);
            case "int" when TryParseInteger(text, out var integer):
                return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
            case "float" when FloatPattern().IsMatch(text):
                return JsonNode.Parse(NormalizeFloat(text));
            case "bool" or "int" or "float":
                throw new FormatException($"cannot decode \"{text}\" as !!{name}");
            default:
                return JsonValue.Create(text);
        }
    }

    private static bool TryParseInteger(string text, out BigInteger value)
    {
        value = default;
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (digits.Length == 0 || text.StartsWith('_'))
        {
            return false;
        }

        var negative = false;
        if (digits[0] is '+' or '-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }

        if (digits.Length == 0)
        {
            return false;
        }

        int radix;
        if (digits.StartsWith("0x", StringComparison.Ordinal) || digits.StartsWith("0X", StringComparison.Ordinal))
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (digits.StartsWith("0o", StringComparison.Ordinal) || digits.StartsWith("0O", StringComparison.Ordinal))
        {
            radix = 8;
            digits = digits[2..];
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal) || digits.StartsWith("0B", StringComparison.Ordinal))
        {
            radix = 2;
            digits = digits[2..];
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
            digits = digits[1..];
        }
        else
        {
            radix = 10;
        }

        if (digits.Length == 0)
        {
            return false;
        }

        var result = BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            result = (result * radix) + digit;
        }

        value = negative ? -result : result;
        return true;
    }

    private static string NormalizeFloat(string text)
    {
        var normalized = text.TrimStart('+');
        var negative = normalized.StartsWith('-');
        var body = negative ? normalized[1..] : normalized;
        if (body.StartsWith('.'))
        {
            body = "0" + body;
        }

        var exponentAt = body.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var exponent = exponentAt < 0 ? string.Empty : body[exponentAt..].Replace("e+", "e", StringComparison.Ordinal).Replace("E+", "E", StringComparison.Ordinal);
        if (mantissa.EndsWith('.'))
        {
            mantissa += "0";
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = (point < 0 ? mantissa : mantissa[..point]).TrimStart('0');
        mantissa = (integerPart.Length == 0 ? "0" : integerPart) + (point < 0 ? string.Empty : mantissa[point..]);

        return (negative ? "-" : string.Empty) + mantissa + exponent;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
