using System.Text.Json;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// The <c>filters</c> query parameter of list and events endpoints, e.g. <c>label=app=web</c>.
/// Several values for one key match any of them; different keys must all match.
/// </summary>
public sealed class DockerFilters
{
    private readonly SortedDictionary<string, SortedSet<string>> _filters = new(StringComparer.Ordinal);

    /// <summary>True when no filter was added.</summary>
    public bool IsEmpty => _filters.Count == 0;

    /// <summary>Filters on a label, either its presence or <c>key=value</c>.</summary>
    public static DockerFilters ForLabel(string key, string? value = null) => new DockerFilters().Label(key, value);

    /// <summary>Adds one value for a filter key.</summary>
    public DockerFilters Add(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_filters.TryGetValue(key, out var values))
        {
            values = new SortedSet<string>(StringComparer.Ordinal);
            _filters[key] = values;
        }

        values.Add(value);
        return this;
    }

    /// <summary>Requires a label, or a label with a given value.</summary>
    public DockerFilters Label(string key, string? value = null) => Add("label", value is null ? key : $"{key}={value}");

    /// <summary>
    /// The filters as JSON in the map-of-booleans form (<c>{"label":{"a=b":true}}</c>): the daemon's
    /// current format; the list form is its deprecated fallback.
    /// </summary>
    public string ToJson()
    {
        var map = _filters.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.ToDictionary(value => value, _ => true, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return JsonSerializer.Serialize(map);
    }

    /// <summary>The JSON form, for logs and diagnostics.</summary>
    public override string ToString() => ToJson();
}
