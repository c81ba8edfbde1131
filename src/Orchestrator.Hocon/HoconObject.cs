namespace Orchestrator.Hocon;

/// <summary>An immutable object whose keys keep the order in which they were first defined.</summary>
internal sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _keys;
    private readonly bool _isResolved;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, ConfigOrigin origin, bool ignoresFallbacks = false)
        : base(origin)
    {
        IgnoresFallbacks = ignoresFallbacks;
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (_fields.TryAdd(key, value))
            {
                keys.Add(key);
            }
            else
            {
                _fields[key] = value;
            }
        }

        _keys = [.. keys];
        _isResolved = _fields.Values.All(value => value.IsResolved);
    }

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>
    /// Set once the object has replaced a non-object value: merging is pairwise, so it must no longer
    /// merge with objects defined before that value (this is how <c>a = null</c> clears defaults).
    /// </summary>
    public bool IgnoresFallbacks { get; }

    public int Count => _keys.Length;

    public override bool IsResolved => _isResolved;

    public override string TypeName => "object";

    public static HoconObject Empty(ConfigOrigin origin) => new([], origin);

    public HoconValue this[string key] => _fields[key];

    public HoconObject WithIgnoresFallbacks() => IgnoresFallbacks ? this : new HoconObject(Fields, Origin, ignoresFallbacks: true);

    /// <summary>The same fields as a fresh definition that merges normally, for use elsewhere in the tree or as a root.</summary>
    public HoconObject WithoutIgnoresFallbacks() => IgnoresFallbacks ? new HoconObject(Fields, Origin) : this;

    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public IEnumerable<KeyValuePair<string, HoconValue>> Fields => _keys.Select(key => new KeyValuePair<string, HoconValue>(key, _fields[key]));
}
