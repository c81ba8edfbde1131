using System.Reflection;

namespace Orchestrator.Hocon;

/// <summary>
/// An immutable, thread-safe HOCON configuration. Substitutions are resolved lazily, once, against the whole
/// tree including fallbacks; typed getters then read the cached resolved tree.
/// </summary>
public sealed partial class Config
{
    private readonly HoconObject _root;
    private readonly Lazy<HoconObject> _resolved;

    private Config(HoconObject root)
    {
        _root = root;
        _resolved = new Lazy<HoconObject>(() => SubstitutionResolver.Resolve(root), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A configuration with no settings.</summary>
    public static Config Empty { get; } = new(HoconObject.Empty(ConfigOrigin.None));

    /// <summary>The keys of the root object, in the order they were first defined.</summary>
    public IReadOnlyList<string> Keys => Resolved.Keys;

    /// <summary>True when the root object has no keys.</summary>
    public bool IsEmpty => Resolved.Count == 0;

    private HoconObject Resolved => _resolved.Value;

    /// <summary>Parses HOCON text; relative includes are looked up from the current directory.</summary>
    /// <param name="text">The HOCON document.</param>
    /// <param name="sourceName">Name used in origins and error messages.</param>
    public static Config Parse(string text, string sourceName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new IncludeSource(sourceName, sourceName, text, new FileIncludeResolver(Directory.GetCurrentDirectory()));
        return new Config(Parser.ParseDocument(source));
    }

    /// <summary>Parses a file; includes are resolved relative to its directory.</summary>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConfigException(new ConfigOrigin(Path.GetFullPath(path), 1, 1), "configuration file not found");
        }

        return new Config(Parser.ParseDocument(FileIncludeResolver.Load(path)));
    }

    /// <summary>Parses an embedded resource; its includes are other resources of the same assembly.</summary>
    public static Config FromResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        var source = ResourceIncludeResolver.Load(assembly, resourceName)
            ?? throw new ConfigException(new ConfigOrigin($"{assembly.GetName().Name}:{resourceName}", 1, 1),
                $"embedded resource not found; the assembly has: {string.Join(", ", assembly.GetManifestResourceNames())}");
        return new Config(Parser.ParseDocument(source));
    }

    /// <summary>
    /// Builds a configuration of string values from dotted paths, e.g. command-line or environment overrides.
    /// When a path is both a value and a parent (<c>a</c> and <c>a.b</c>), the object wins, as the spec asks for properties.
    /// </summary>
    public static Config FromDictionary(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var entries = values
            .Select(entry =>
            {
                var origin = new ConfigOrigin($"<dictionary entry '{entry.Key}'>", 1, 1);
                return (Path: ConfigPath.Parse(entry.Key, origin), entry.Value, Origin: origin);
            })
            .ToList();

        // A path that is also the parent of another entry would have to be a string and an object at once.
        var parents = entries.SelectMany(entry => Enumerable.Range(1, entry.Path.Count - 1).Select(entry.Path.Take)).ToHashSet();
        var builder = new ObjectBuilder();
        foreach (var (path, value, origin) in entries.Where(entry => !parents.Contains(entry.Path)))
        {
            HoconValue node = HoconScalar.String(value ?? string.Empty, origin);
            for (var i = path.Count - 1; i > 0; i--)
            {
                node = new HoconObject([new(path[i], node)], origin);
            }

            builder.Set(path[0], node);
        }

        return new Config(builder.Build(new ConfigOrigin("<dictionary>", 1, 1)));
    }

    /// <summary>
    /// Returns a new configuration where this one's settings win and <paramref name="fallback"/> fills the gaps,
    /// objects merging key by key. Substitutions in either are resolved against the merged result.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (ReferenceEquals(fallback, this))
        {
            return this;
        }

        var merged = ValueMerger.MergeObjects(fallback._root, _root);
        return ReferenceEquals(merged, _root) ? this : new Config(merged);
    }

    /// <summary>Resolves substitutions now, so that errors surface at start-up rather than at first use.</summary>
    /// <returns>This configuration.</returns>
    public Config Resolve()
    {
        _ = Resolved;
        return this;
    }

    /// <summary>True when the path holds a value other than null.</summary>
    public bool HasPath(string path) => TryFind(path) is not null;

    /// <summary>Where the value at <paramref name="path"/> was defined; its <c>ToString()</c> is <c>file:line:column</c>.</summary>
    public ConfigOrigin OriginOf(string path) => Require(path).Origin;

    /// <summary>Every leaf setting as a flattened path and its value as text, in definition order, for diagnostics.</summary>
    public IEnumerable<KeyValuePair<string, string>> AsEnumerable() => ConfigRenderer.Flatten(Resolved);

    /// <summary>Readable HOCON text of the resolved tree; parsing it yields the same settings.</summary>
    public string Render() => ConfigRenderer.Render(Resolved);

    /// <summary>The rendered configuration, or the resolution error if it cannot be resolved.</summary>
    public override string ToString()
    {
        try
        {
            return Render();
        }
        catch (ConfigException exception)
        {
            return $"<unresolvable configuration: {exception.Message}>";
        }
    }

    private HoconValue Require(string path)
    {
        var root = Resolved;
        var value = Find(root, path, out var parent);
        if (value is null)
        {
            throw new ConfigException(parent.Origin, $"no setting at path '{path}'");
        }

        if (value is HoconScalar { Kind: ScalarKind.Null })
        {
            throw new ConfigException(value.Origin, $"setting '{path}' is null");
        }

        return value;
    }

    /// <summary>The value at a path, or null when it is missing or set to null (both mean "use the default").</summary>
    private HoconValue? TryFind(string path)
    {
        var value = Find(Resolved, path, out _);
        return value is HoconScalar { Kind: ScalarKind.Null } ? null : value;
    }

    private static HoconValue? Find(HoconObject root, string path, out HoconObject deepestParent)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = ConfigPath.Parse(path, root.Origin);
        deepestParent = root;
        HoconValue current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            if (current is not HoconObject obj)
            {
                return null;
            }

            deepestParent = obj;
            if (!obj.TryGetValue(segments[i], out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }
}
