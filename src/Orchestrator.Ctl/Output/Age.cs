using System.Globalization;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// Durations as kubectl's AGE column prints them: precise when short, coarser as they grow
/// (<c>45s</c>, <c>2m5s</c>, <c>15m</c>, <c>3h20m</c>, <c>30h</c>, <c>3d4h</c>, <c>40d</c>, <c>2y30d</c>).
/// </summary>
public static class Age
{
    /// <summary>The age of something created at <paramref name="created"/>, seen at <paramref name="now"/>; <c>&lt;unknown&gt;</c> when not known.</summary>
    public static string Since(DateTimeOffset? created, DateTimeOffset now) => created is { } c ? Format(now - c) : "<unknown>";

    /// <summary>One duration in kubectl's human form.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Floor(duration.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10) return Pair(minutes, "m", seconds % 60, "s");
        if (minutes < 180) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8) return Pair(hours, "h", minutes % 60, "m");
        if (hours < 48) return $"{hours}h";
        var days = hours / 24;
        if (days < 8) return Pair(days, "d", hours % 24, "h");
        if (days < 365 * 2) return $"{days}d";
        var years = days / 365;
        return days < 365 * 8 ? Pair(years, "y", days % 365, "d") : $"{years}y";
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major}{majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major}{majorUnit}{minor}{minorUnit}");
}
