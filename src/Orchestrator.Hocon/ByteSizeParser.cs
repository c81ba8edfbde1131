namespace Orchestrator.Hocon;

/// <summary>Reads HOCON sizes in bytes with the spec's SI (<c>kB</c>, <c>MB</c>) and binary (<c>K</c>, <c>MiB</c>) units.</summary>
internal static class ByteSizeParser
{
    private static readonly Dictionary<string, decimal> _bytesPerUnit = BuildUnits();

    public static bool TryParse(string text, out long bytes, out string error)
    {
        bytes = 0;
        error = string.Empty;
        if (!UnitValue.TrySplit(text, out var number, out var unit))
        {
            error = "expected a number optionally followed by a size unit, such as 512k, 64MiB or 10 bytes";
            return false;
        }

        if (!_bytesPerUnit.TryGetValue(unit, out var multiplier))
        {
            error = $"unknown size unit '{unit}' (expected B, kB/MB/GB/... for powers of ten or K/M/G, KiB/MiB/GiB/... for powers of two)";
            return false;
        }

        try
        {
            // Fractions of a byte cannot be stored; like the reference implementation, truncate them.
            var value = decimal.Truncate(number * multiplier);
            if (value > long.MaxValue || value < long.MinValue)
            {
                error = "the size does not fit in 64 bits";
                return false;
            }

            bytes = (long)value;
            return true;
        }
        catch (OverflowException)
        {
            error = "the size does not fit in 64 bits";
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [string.Empty] = 1m,
            ["B"] = 1m,
            ["b"] = 1m,
            ["byte"] = 1m,
            ["bytes"] = 1m,
        };

        (string Letter, string Si, string Binary)[] prefixes =
        [
            ("k", "kilo", "kibi"), ("m", "mega", "mebi"), ("g", "giga", "gibi"), ("t", "tera", "tebi"),
            ("p", "peta", "pebi"), ("e", "exa", "exbi"), ("z", "zetta", "zebi"), ("y", "yotta", "yobi"),
        ];
        var power = 0;
        foreach (var (letter, si, binary) in prefixes)
        {
            power++;
            var decimalValue = Pow(1000m, power);
            var binaryValue = Pow(1024m, power);
            var upper = letter.ToUpperInvariant();

            // The spec spells kilo with a lowercase k ("kB") and every larger SI prefix in uppercase.
            units[(letter == "k" ? "k" : upper) + "B"] = decimalValue;
            units[si + "byte"] = decimalValue;
            units[si + "bytes"] = decimalValue;

            units[upper] = binaryValue;
            units[letter] = binaryValue;
            units[upper + "i"] = binaryValue;
            units[upper + "iB"] = binaryValue;
            units[binary + "byte"] = binaryValue;
            units[binary + "bytes"] = binaryValue;
        }

        return units;
    }

    private static decimal Pow(decimal value, int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
        {
            result *= value;
        }

        return result;
    }
}
