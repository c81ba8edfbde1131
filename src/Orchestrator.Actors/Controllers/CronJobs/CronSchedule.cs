using System.Globalization;

namespace Orchestrator.Actors.Controllers.CronJobs;

/// <summary>
/// A standard five-field cron schedule: <c>minute hour day-of-month month day-of-week</c>, each a <c>*</c>,
/// a value, a range <c>a-b</c>, a step <c>*/n</c> or <c>a-b/n</c> or <c>a/n</c>, or a comma list of those;
/// months and weekdays also by three-letter name (<c>jan</c>, <c>mon</c>); weekday 7 is Sunday like 0.
/// Descriptors <c>@yearly</c> (<c>@annually</c>), <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c> (<c>@midnight</c>), <c>@hourly</c>.
/// When both day fields are restricted a day matches either (cron's rule). Times are UTC unless a time zone
/// is given: then the fields are read as that zone's wall-clock time, a time that the zone skips (a spring-forward
/// gap) does not occur, and one it repeats (fall-back) occurs once, at its first instant.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] _months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] _weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly Dictionary<string, string> _descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _monthsSet;
    private readonly bool[] _weekdaysSet;
    private readonly bool _dayRestricted;
    private readonly bool _weekdayRestricted;

    private CronSchedule(bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays, bool dayRestricted, bool weekdayRestricted)
    {
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _monthsSet = months;
        _weekdaysSet = weekdays;
        _dayRestricted = dayRestricted;
        _weekdayRestricted = weekdayRestricted;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static CronSchedule Parse(string text)
    {
        var trimmed = text.Trim();
        if (_descriptors.TryGetValue(trimmed, out var expanded)) trimmed = expanded;
        else if (trimmed.StartsWith('@')) throw new FormatException($"unknown schedule descriptor \"{trimmed}\"");

        var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            throw new FormatException($"expected exactly 5 fields (minute hour day-of-month month day-of-week), found {fields.Length}: \"{text}\"");

        var weekdays = Field(fields[4], "day-of-week", 0, 7, _weekdays);
        if (weekdays[7]) weekdays[0] = true;
        return new CronSchedule(
            Field(fields[0], "minute", 0, 59, null),
            Field(fields[1], "hour", 0, 23, null),
            Field(fields[2], "day-of-month", 1, 31, null),
            Field(fields[3], "month", 1, 12, _months),
            weekdays,
            !fields[2].StartsWith('*'),
            !fields[4].StartsWith('*'));
    }

    /// <summary>True when <paramref name="text"/> parses.</summary>
    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        try
        {
            schedule = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            schedule = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first scheduled minute strictly after <paramref name="after"/> (in <paramref name="zone"/>, default UTC), or null when none in the next five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_monthsSet[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
                continue;
            }

            if (!zone.IsInvalidTime(t))
            {
                var offset = zone.IsAmbiguousTime(t) ? zone.GetAmbiguousTimeOffsets(t).Max() : zone.GetUtcOffset(t);
                var at = new DateTimeOffset(t, offset);
                if (at > after) return at.ToUniversalTime();
            }

            t = t.AddMinutes(1);
        }

        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var day = _days[t.Day];
        var weekday = _weekdaysSet[(int)t.DayOfWeek];
        return _dayRestricted && _weekdayRestricted ? day || weekday : day && weekday;
    }

    private static bool[] Field(string field, string name, int min, int max, string[]? names)
    {
        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = SplitStep(part, name);
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
            {
                from = Value(range[..dash], name, min, max, names);
                to = Value(range[(dash + 1)..], name, min, max, names);
                if (to < from) throw new FormatException($"{name}: range \"{range}\" ends before it starts");
            }
            else
            {
                from = Value(range, name, min, max, names);
                to = step > 1 || part.Contains('/', StringComparison.Ordinal) ? max : from;
            }

            for (var v = from; v <= to; v += step) set[v] = true;
        }

        return set;
    }

    private static (string Range, int Step) SplitStep(string part, string name)
    {
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return (part, 1);
        if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1)
            throw new FormatException($"{name}: bad step in \"{part}\"");
        return (part[..slash], step);
    }

    private static int Value(string text, string name, int min, int max, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) return names.Length == 12 ? index + 1 : index;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"{name}: \"{text}\" is not a value from {min} to {max}");
        return value;
    }
}
