namespace Orchestrator.Hocon;

/// <summary>Collects an object's fields while parsing, merging a key defined more than once.</summary>
internal sealed class ObjectBuilder
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);

    public void Set(string key, HoconValue value)
    {
        if (_fields.TryGetValue(key, out var existing))
        {
            _fields[key] = ValueMerger.Merge(existing, value);
        }
        else
        {
            _keys.Add(key);
            _fields[key] = value;
        }
    }

    public HoconObject Build(ConfigOrigin origin) =>
        new(_keys.Select(key => new KeyValuePair<string, HoconValue>(key, _fields[key])), origin);
}
