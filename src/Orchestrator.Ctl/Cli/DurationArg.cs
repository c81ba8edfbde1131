using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>kubectl's duration flags (<c>--since=10s</c>, <c>--timeout=2m30s</c>): Go durations (h, m, s, ms), or bare seconds.</summary>
public static partial class DurationArg
{
    /// <summary>The duration <paramref name="text"/> names; a <see cref="CtlException"/> naming <paramref name="flag"/> when malformed.</summary>
    public static TimeSpan Parse(string text, string flag)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
            throw new CtlException($"error: invalid argument \"{text}\" for \"{flag}\" flag: time: invalid duration \"{text}\" (use e.g. 30s, 5m, 1h30m)");
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var value = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += unit switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value),
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|h|m|s))+$")]
    private static partial Regex Pattern();
}
