namespace Orchestrator.Hocon;

/// <summary>Reads HOCON durations (<c>250ms</c>, <c>5 seconds</c>, a bare number of milliseconds, <c>infinite</c>).</summary>
internal static class DurationParser
{
    private static readonly Dictionary<string, decimal> _ticksPerUnit = BuildUnits();

    /// <summary>Parses <paramref name="text"/>; on failure returns false and a reason suitable for an error message.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = default;
        error = string.Empty;
        if (string.Equals(text.Trim(), "infinite", StringComparison.OrdinalIgnoreCase))
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!UnitValue.TrySplit(text, out var number, out var unit))
        {
            error = "expected a number optionally followed by a time unit, such as 250ms, 5s or 5 seconds";
            return false;
        }

        if (unit.Length == 0)
        {
            unit = "ms";
        }

        if (!_ticksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"unknown time unit '{unit}' (expected ns, us, ms, s, m, h or d, or their long names such as seconds)";
            return false;
        }

        try
        {
            var ticks = decimal.Round(number * ticksPerUnit, MidpointRounding.AwayFromZero);
            if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
            {
                error = "the duration is too large";
                return false;
            }

            duration = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            error = "the duration is too large";
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(units, TimeSpan.TicksPerMicrosecond / 1000m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(units, TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(units, TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(units, TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(units, TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(units, TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(units, TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal ticks, params string[] names)
    {
        foreach (var name in names)
        {
            units[name] = ticks;
        }
    }
}
