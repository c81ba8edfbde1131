using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Orchestrator.Model.Primitives;

/// <summary>Parsing of the Kubernetes quantity grammar.</summary>
public readonly partial struct Quantity
{
    /// <summary>The error Kubernetes gives for a string that is not a quantity.</summary>
    public const string FormatError =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>The error Kubernetes gives for an unknown suffix.</summary>
    public const string SuffixError = "unable to parse quantity's suffix";

    /// <summary>Parses <c>&lt;sign&gt;&lt;digits&gt;[.&lt;digits&gt;]&lt;suffix&gt;</c>; throws <see cref="FormatException"/> when malformed.</summary>
    public static Quantity Parse(string text)
    {
        if (TryParse(text, out var quantity, out var error))
        {
            return quantity;
        }

        throw new FormatException($"quantity \"{text}\": {error}");
    }

    /// <summary>Parses a quantity without throwing.</summary>
    public static bool TryParse(string? text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>Parses a quantity without throwing; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Quantity quantity, [NotNullWhen(false)] out string? error)
    {
        quantity = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "quantities must not be empty";
            return false;
        }

        var position = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        var integerStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var integerDigits = text[integerStart..position];
        var fractionDigits = string.Empty;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            var fractionStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            fractionDigits = text[fractionStart..position];
        }

        if (integerDigits.Length == 0 && fractionDigits.Length == 0)
        {
            error = FormatError;
            return false;
        }

        if (!TryParseSuffix(text[position..], out var base10Exponent, out var base1024Exponent, out var format, out error))
        {
            return false;
        }

        var mantissa = BigInteger.Parse(integerDigits + fractionDigits is { Length: > 0 } digits ? digits : "0");
        var exponent = base10Exponent - fractionDigits.Length + NanoScale;
        var scaled = base1024Exponent > 0 ? mantissa * BigInteger.Pow(1024, base1024Exponent) : mantissa;
        BigInteger nanos;
        if (exponent >= 0)
        {
            nanos = scaled * BigInteger.Pow(10, exponent);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -exponent);
            nanos = BigInteger.DivRem(scaled, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                nanos += 1; // Kubernetes rounds sub-nano precision up (away from zero before the sign is applied).
            }
        }

        quantity = new Quantity(negative ? -nanos : nanos, format);
        error = null;
        return true;
    }

    private static bool TryParseSuffix(
        string suffix,
        out int base10Exponent,
        out int base1024Exponent,
        out QuantityFormat format,
        [NotNullWhen(false)] out string? error)
    {
        base10Exponent = 0;
        base1024Exponent = 0;
        format = QuantityFormat.DecimalSI;
        error = null;
        switch (suffix)
        {
            case "": return true;
            case "n": base10Exponent = -9; return true;
            case "u": base10Exponent = -6; return true;
            case "m": base10Exponent = -3; return true;
            case "k": base10Exponent = 3; return true;
            case "M": base10Exponent = 6; return true;
            case "G": base10Exponent = 9; return true;
            case "T": base10Exponent = 12; return true;
            case "P": base10Exponent = 15; return true;
            case "E": base10Exponent = 18; return true;
        }

        format = QuantityFormat.BinarySI;
        switch (suffix)
        {
            case "Ki": base1024Exponent = 1; return true;
            case "Mi": base1024Exponent = 2; return true;
            case "Gi": base1024Exponent = 3; return true;
            case "Ti": base1024Exponent = 4; return true;
            case "Pi": base1024Exponent = 5; return true;
            case "Ei": base1024Exponent = 6; return true;
        }

        format = QuantityFormat.DecimalExponent;
        if (suffix.Length >= 2 && suffix[0] is 'e' or 'E')
        {
            var exponentText = suffix[1..];
            var digitsStart = exponentText[0] is '+' or '-' ? 1 : 0;
            if (exponentText.Length > digitsStart
                && exponentText[digitsStart..].All(char.IsAsciiDigit)
                && int.TryParse(exponentText, out var exponent)
                && Math.Abs(exponent) <= 1000)
            {
                base10Exponent = exponent;
                return true;
            }
        }

        error = suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-') ? SuffixError : FormatError;
        return false;
    }
}
