using System.Globalization;

namespace Orchestrator.Hocon;

/// <summary>Splits the spec's "units format" (<c>number [whitespace] [letters]</c>) into its number and unit.</summary>
internal static class UnitValue
{
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        unit = trimmed[unitStart..];
        var numberText = trimmed[..unitStart].TrimEnd();

        return decimal.TryParse(numberText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out number)
            && numberText.Length > 0 && (char.IsAsciiDigit(numberText[0]) || numberText[0] is '-' or '+' or '.');
    }
}
