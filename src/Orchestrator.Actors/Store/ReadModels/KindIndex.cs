using Orchestrator.Model;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>An object as a read model holds it: shared with every reader, never changed.</summary>
public sealed record StoredObject(IKubernetesObject Object, long ResourceVersion)
{
    /// <summary>The index key: <c>namespace/name</c> (cluster-scoped: <c>/name</c>), the order of List results.</summary>
    public string Key => KindIndex.KeyOf(Object);
}

/// <summary>
/// The current objects of one kind, ordered by namespace and name, with an index of label pairs so
/// that equality and set selectors look only at candidates. Pure data, no actor.
/// </summary>
public sealed class KindIndex
{
    private readonly Dictionary<string, StoredObject> _byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Label, string Value), HashSet<string>> _byLabel = [];

    /// <summary>Number of objects.</summary>
    public int Count => _byKey.Count;

    /// <summary>The index key of an object.</summary>
    public static string KeyOf(IKubernetesObject obj) => $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";

    /// <summary>The stored object at <paramref name="key"/>, or null.</summary>
    public StoredObject? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Adds or replaces an object; returns the one it replaced.</summary>
    public StoredObject? Put(StoredObject stored)
    {
        var key = stored.Key;
        var previous = Remove(key);
        _byKey[key] = stored;
        _keys.Add(key);
        foreach (var (label, value) in stored.Object.Metadata.Labels ?? [])
        {
            if (!_byLabel.TryGetValue((label, value), out var set)) _byLabel[(label, value)] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(key);
        }

        return previous;
    }

    /// <summary>Removes the object at <paramref name="key"/>; returns it, or null when there was none.</summary>
    public StoredObject? Remove(string key)
    {
        if (!_byKey.Remove(key, out var previous)) return null;
        _keys.Remove(key);
        foreach (var (label, value) in previous.Object.Metadata.Labels ?? [])
        {
            if (_byLabel.TryGetValue((label, value), out var set) && set.Remove(key) && set.Count == 0) _byLabel.Remove((label, value));
        }

        return previous;
    }

    /// <summary>
    /// The matching objects in key order, starting after <paramref name="afterKey"/>: candidates
    /// come from the label index when the selector has an equality or set requirement, else from
    /// the namespace's key range.
    /// </summary>
    public IEnumerable<StoredObject> Select(string? ns, Selector labels, FieldSelector fields, string? afterKey = null)
    {
        var candidates = LabelCandidates(labels);
        IEnumerable<string> keys;
        if (candidates is not null)
        {
            var filtered = candidates.Where(k => InRange(k, ns, afterKey)).ToList();
            filtered.Sort(StringComparer.Ordinal);
            keys = filtered;
        }
        else keys = Range(ns, afterKey);

        foreach (var key in keys)
        {
            var stored = _byKey[key];
            if (!labels.MatchesLabelsOf(stored.Object)) continue;
            if (fields.Terms.Count > 0 && !fields.Matches(ObjectFields.Of(stored.Object))) continue;
            yield return stored;
        }
    }

    /// <summary>Every object, in key order.</summary>
    public IEnumerable<StoredObject> All() => _keys.Select(k => _byKey[k]);

    private IEnumerable<string> Range(string? ns, string? afterKey)
    {
        if (_keys.Count == 0) return [];
        var from = ns is null ? _keys.Min! : ns + "/";
        var to = ns is null ? _keys.Max! : ns + "/\uffff";
        if (afterKey is not null && string.CompareOrdinal(afterKey, from) >= 0) from = afterKey;
        if (string.CompareOrdinal(from, to) > 0) return [];
        return _keys.GetViewBetween(from, to).Where(k => afterKey is null || string.CompareOrdinal(k, afterKey) > 0);
    }

    private static bool InRange(string key, string? ns, string? afterKey) =>
        (ns is null || key.StartsWith(ns + "/", StringComparison.Ordinal)) && (afterKey is null || string.CompareOrdinal(key, afterKey) > 0);

    /// <summary>The smallest candidate set the label index offers, or null when it offers none (scan instead).</summary>
    private IEnumerable<string>? LabelCandidates(Selector labels)
    {
        IEnumerable<string>? best = null;
        var bestCount = int.MaxValue;
        foreach (var requirement in labels.Requirements)
        {
            if (requirement.Operator is not (SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In)) continue;
            var sets = requirement.Values.Select(v => _byLabel.GetValueOrDefault((requirement.Key, v))).Where(s => s is not null).ToList();
            var count = sets.Sum(s => s!.Count);
            if (count >= bestCount) continue;
            bestCount = count;
            best = sets.Count == 1 ? sets[0]! : sets.SelectMany(s => s!);
        }

        return best;
    }
}
