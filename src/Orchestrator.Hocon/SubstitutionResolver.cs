namespace Orchestrator.Hocon;

/// <summary>
/// Replaces every substitution in a merged tree with the value it refers to, looking paths up from the root.
/// </summary>
/// <remarks>
/// Paths reached from the root through plain objects are "canonical": each is resolved once and memoized,
/// and a path met again while it is still being resolved is a cycle. A substitution pointing at (or below)
/// the field it is written in refers to that field's earlier definitions instead (<c>path = ${path} ":x"</c>).
/// </remarks>
internal sealed class SubstitutionResolver
{
    // Far below what the stack can take, far above any real configuration.
    private const int MaxDepth = 512;

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<ConfigPath, HoconValue?> _memo = [];
    private readonly Dictionary<ConfigPath, HoconSubstitution?> _inProgress = [];
    private readonly List<HoconSubstitution> _lookups = [];
    private List<FieldContext> _fields = [];

    private SubstitutionResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null)
    {
        if (root.IsResolved)
        {
            return root;
        }

        var resolver = new SubstitutionResolver(root, environment ?? Environment.GetEnvironmentVariable);
        return resolver.ResolveObject(root, ConfigPath.Root, canonical: true);
    }

    private HoconValue? ResolveCanonical(ConfigPath path, HoconValue node)
    {
        if (node.IsResolved)
        {
            return node;
        }

        if (_memo.TryGetValue(path, out var known))
        {
            return known;
        }

        if (_inProgress.ContainsKey(path))
        {
            throw CycleError(path);
        }

        // Self-references are lexical: fields being resolved further up the lookup chain are not "this" field.
        var outerFields = _fields;
        _fields = [];
        _inProgress[path] = _lookups.Count > 0 ? _lookups[^1] : null;
        try
        {
            var resolved = ResolveField(path, node, canonical: true);
            _memo[path] = resolved;
            return resolved;
        }
        finally
        {
            _inProgress.Remove(path);
            _fields = outerFields;
        }
    }

    private HoconValue? ResolveField(ConfigPath path, HoconValue node, bool canonical)
    {
        IReadOnlyList<HoconValue> layers = node is HoconMergeStack stack ? stack.Layers : [node];
        return ResolveLayers(path, layers, layers.Count - 1, canonical && layers.Count == 1);
    }

    /// <summary>The value of a field defined by <paramref name="layers"/>[0..<paramref name="top"/>], later layers winning.</summary>
    private HoconValue? ResolveLayers(ConfigPath path, IReadOnlyList<HoconValue> layers, int top, bool canonical)
    {
        if (top < 0)
        {
            return null;
        }

        var below = new EarlierValue(() => ResolveLayers(path, layers, top - 1, canonical: false));
        var layer = layers[top];
        HoconValue? value;
        _fields.Add(new FieldContext(path, layer, below, isWalkable: canonical && layer is HoconObject));
        if (_fields.Count > MaxDepth)
        {
            throw new ConfigException(layer.Origin, $"configuration at '{path}' is nested or chained more than {MaxDepth} levels deep");
        }

        try
        {
            value = ResolveValue(layer, path, canonical);
        }
        finally
        {
            _fields.RemoveAt(_fields.Count - 1);
        }

        if (value is null)
        {
            // An optional substitution that found nothing leaves the earlier value in place.
            return below.Value;
        }

        if (value is HoconObject valueObject && top > 0 && below.Value is HoconObject belowObject)
        {
            return ValueMerger.MergeObjects(belowObject, valueObject);
        }

        return value;
    }

    private HoconValue? ResolveValue(HoconValue node, ConfigPath path, bool canonical)
    {
        if (node.IsResolved)
        {
            return node;
        }

        return node switch
        {
            HoconObject obj => ResolveObject(obj, path, canonical),
            HoconArray array => ResolveArray(array, path),
            HoconSubstitution substitution => ResolveSubstitution(substitution),
            HoconConcatenation concatenation => ResolveConcatenation(concatenation, path),
            HoconMergeStack stack => ResolveLayers(path, stack.Layers, stack.Layers.Count - 1, canonical: false),
            _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
        };
    }

    private HoconObject ResolveObject(HoconObject obj, ConfigPath path, bool canonical)
    {
        var fields = new List<KeyValuePair<string, HoconValue>>(obj.Count);
        foreach (var (key, child) in obj.Fields)
        {
            var childPath = path.Append(key);
            var resolved = canonical ? ResolveCanonical(childPath, child) : ResolveField(childPath, child, canonical: false);
            if (resolved is not null)
            {
                fields.Add(new(key, resolved));
            }
        }

        return new HoconObject(fields, obj.Origin, obj.IgnoresFallbacks);
    }

    private HoconArray ResolveArray(HoconArray array, ConfigPath path)
    {
        var items = new List<HoconValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            // An undefined optional element is left out of the list.
            if (ResolveValue(item, path, canonical: false) is { } resolved)
            {
                items.Add(resolved);
            }
        }

        return new HoconArray(items, array.Origin);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation, ConfigPath path)
    {
        var pieces = new List<ValuePiece>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            var resolved = ResolveValue(part, path, canonical: false);
            if (resolved is null)
            {
                continue;
            }

            // The spec turns a substituted null into "" inside a string, never into the text "null".
            if (resolved is HoconScalar { Kind: ScalarKind.Null })
            {
                resolved = HoconScalar.String(string.Empty, part.Origin);
            }

            pieces.Add(new ValuePiece(resolved, part.Origin));
        }

        return ConcatenationBuilder.Join(pieces, concatenation.Origin);
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        _lookups.Add(substitution);
        if (_lookups.Count > MaxDepth)
        {
            throw new ConfigException(substitution.Origin, $"substitutions chained more than {MaxDepth} levels deep at {substitution.Describe()}");
        }

        try
        {
            var found = FindSelfReference(substitution, out var isSelfReference);
            if (!isSelfReference)
            {
                found = Lookup(substitution.Path);
                if (found is null && !substitution.WrittenPath.Equals(substitution.Path))
                {
                    // Inside a nested include the path is first tried relative to the include, then from the root.
                    found = Lookup(substitution.WrittenPath);
                }
            }

            if (found is not null)
            {
                // A copied object is a new definition at its new place; whatever it cleared at the old one is irrelevant.
                return found is HoconObject foundObject ? foundObject.WithoutIgnoresFallbacks() : found;
            }

            var variableName = string.Join('.', substitution.WrittenPath.Segments);
            if (substitution.UsesEnvironment && _environment(variableName) is { Length: > 0 } variable)
            {
                return HoconScalar.String(variable, substitution.Origin);
            }

            if (substitution.Optional)
            {
                return null;
            }

            var reason = isSelfReference
                ? $"it refers to its own field '{substitution.Path}', which has no earlier value,"
                : $"there is no setting at path '{substitution.Path}'";
            throw new ConfigException(substitution.Origin,
                $"could not resolve substitution {substitution.Describe()}: {reason} and no environment variable '{variableName}' is set");
        }
        finally
        {
            _lookups.RemoveAt(_lookups.Count - 1);
        }
    }

    private HoconValue? FindSelfReference(HoconSubstitution substitution, out bool isSelfReference)
    {
        // The deepest enclosing field wins: in a { b = ${a.b} } the reference is to a.b's earlier value.
        FieldContext? owner = null;
        for (var i = _fields.Count - 1; i >= 0; i--)
        {
            var field = _fields[i];
            if (!field.IsWalkable && substitution.Path.StartsWith(field.Path) && (owner is null || field.Path.Count > owner.Path.Count))
            {
                owner = field;
            }
        }

        isSelfReference = owner is not null;
        if (owner is null)
        {
            return null;
        }

        var rest = substitution.Path.Skip(owner.Path.Count);
        if (owner.Layer is HoconObject layer)
        {
            if (rest.IsRoot)
            {
                throw CycleError(owner.Path);
            }

            // Inside an object literal that overrides earlier values, its own fields come first.
            if (LookupInLayer(owner, layer, rest, out var found))
            {
                return found;
            }
        }

        return Navigate(owner.Below.Value, rest);
    }

    private bool LookupInLayer(FieldContext owner, HoconObject layer, ConfigPath rest, out HoconValue? found)
    {
        HoconObject node = layer;
        for (var i = 0; i < rest.Count; i++)
        {
            if (!node.TryGetValue(rest[i], out var child))
            {
                found = null;
                return false;
            }

            if (i < rest.Count - 1 && child is HoconObject childObject)
            {
                node = childObject;
                continue;
            }

            var childPath = owner.Path.Concat(rest.Take(i + 1));
            found = Navigate(ResolveWithinLayer(owner, childPath, child), rest.Skip(i + 1));
            return true;
        }

        found = null;
        return false;
    }

    /// <summary>Resolves a sibling inside an object layer as if it were reached lexically from that layer.</summary>
    private HoconValue? ResolveWithinLayer(FieldContext owner, ConfigPath path, HoconValue node)
    {
        if (node.IsResolved)
        {
            return node;
        }

        if (!owner.SiblingsInProgress.Add(path))
        {
            throw CycleError(path);
        }

        var outerFields = _fields;
        _fields = [.. _fields.Take(_fields.IndexOf(owner) + 1)];
        try
        {
            return ResolveField(path, node, canonical: false);
        }
        finally
        {
            _fields = outerFields;
            owner.SiblingsInProgress.Remove(path);
        }
    }

    /// <summary>Finds the resolved value at <paramref name="path"/>, resolving only what lies on the way.</summary>
    private HoconValue? Lookup(ConfigPath path)
    {
        var node = _root;
        for (var i = 0; i < path.Count; i++)
        {
            if (!node.TryGetValue(path[i], out var child))
            {
                return null;
            }

            var childPath = path.Take(i + 1);
            if (i == path.Count - 1)
            {
                return ResolveCanonical(childPath, child);
            }

            if (child is HoconObject childObject)
            {
                // Walking into an object being resolved is fine; only its own fields are needed.
                node = childObject;
                continue;
            }

            return Navigate(ResolveCanonical(childPath, child), path.Skip(i + 1));
        }

        return node;
    }

    private static HoconValue? Navigate(HoconValue? value, ConfigPath rest)
    {
        for (var i = 0; i < rest.Count; i++)
        {
            if (value is not HoconObject obj || !obj.TryGetValue(rest[i], out var child))
            {
                return null;
            }

            value = child;
        }

        return value;
    }

    private ConfigException CycleError(ConfigPath path)
    {
        var current = _lookups[^1];
        var start = _inProgress.GetValueOrDefault(path);
        var chain = start is null ? _lookups : _lookups.SkipWhile(lookup => !ReferenceEquals(lookup, start));
        var steps = string.Join(" -> ", chain.Select(lookup => $"{lookup.Describe()} at {lookup.Origin}"));
        return new ConfigException(current.Origin, $"substitution cycle: '{path}' depends on itself through {steps}");
    }

    /// <summary>A field whose definition (one layer) is being resolved, and how to get what that layer overrides.</summary>
    /// <remarks>
    /// Plain objects reached from the root are "walkable": looked into, never treated as self-references.
    /// A class, not a record: contexts are found on the stack by identity.
    /// </remarks>
    private sealed class FieldContext(ConfigPath path, HoconValue layer, EarlierValue below, bool isWalkable)
    {
        public ConfigPath Path { get; } = path;

        public HoconValue Layer { get; } = layer;

        public EarlierValue Below { get; } = below;

        public bool IsWalkable { get; } = isWalkable;

        public HashSet<ConfigPath> SiblingsInProgress { get; } = [];
    }

    /// <summary>Resolves the earlier definitions of a field at most once, and only if something needs them.</summary>
    private sealed class EarlierValue(Func<HoconValue?> compute)
    {
        private bool _computed;
        private HoconValue? _value;

        public HoconValue? Value
        {
            get
            {
                if (!_computed)
                {
                    _value = compute();
                    _computed = true;
                }

                return _value;
            }
        }
    }
}
