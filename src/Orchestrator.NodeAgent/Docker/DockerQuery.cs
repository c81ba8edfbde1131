using System.Globalization;
using System.Text;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>Builds request paths and query strings with the escaping the daemon's router expects.</summary>
internal sealed class DockerQuery
{
    private readonly StringBuilder _query = new();

    public DockerQuery Add(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _query.Append(_query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(key))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        return this;
    }

    // Docker parses booleans with strconv.ParseBool, so "1"/"0" are the safest spelling for every version.
    public DockerQuery Add(string key, bool value) => Add(key, value ? "1" : "0");

    public DockerQuery Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a point in time as <c>seconds.nanoseconds</c> since the epoch, the daemon's most precise form.</summary>
    public DockerQuery Add(string key, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return this;
        }

        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return Add(key, string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainder * 100:D9}"));
    }

    public DockerQuery Add(string key, DockerFilters? filters) =>
        filters is null || filters.IsEmpty ? this : Add(key, filters.ToJson());

    public override string ToString() => _query.ToString();

    /// <summary>
    /// Escapes an id or name for use as one path segment. Image names keep their slashes because the
    /// daemon's image routes match the rest of the path (<c>/images/{name:.*}/json</c>).
    /// </summary>
    public static string Segment(string nameOrId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        return Uri.EscapeDataString(nameOrId).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
