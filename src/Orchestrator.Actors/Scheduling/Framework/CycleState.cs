namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// Data plugins keep between the steps of one scheduling cycle (PreFilter → Filter, PreScore →
/// Score), keyed by plugin name. One instance is cleared and reused for every cycle.
/// </summary>
public sealed class CycleState
{
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Write(string key, object value) => _data[key] = value;

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public T? Read<T>(string key) where T : class => _data.TryGetValue(key, out var value) ? (T)value : null;

    /// <summary>Forgets everything (start of a cycle).</summary>
    public void Clear() => _data.Clear();
}
