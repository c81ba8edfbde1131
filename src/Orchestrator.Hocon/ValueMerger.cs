namespace Orchestrator.Hocon;

/// <summary>The single HOCON rule for a value defined twice: later wins, unless both are objects, which merge.</summary>
internal static class ValueMerger
{
    /// <summary>Combines an earlier definition with a later one (duplicate key, include, or fallback).</summary>
    public static HoconValue Merge(HoconValue older, HoconValue newer)
    {
        if (newer is HoconObject newerObject)
        {
            if (older is HoconObject olderObject)
            {
                return MergeObjects(olderObject, newerObject);
            }

            // An object over a plain value hides it; over an unresolved value it may still merge later.
            return older.IsResolved ? newerObject.WithIgnoresFallbacks() : HoconMergeStack.Of(older, newer);
        }

        // Unresolved values are kept with what they override: they may refer to it (${path} ":extra")
        // or resolve to an object that merges with it.
        return newer.IsResolved ? newer : HoconMergeStack.Of(older, newer);
    }

    public static HoconObject MergeObjects(HoconObject older, HoconObject newer)
    {
        if (newer.IgnoresFallbacks)
        {
            return newer;
        }

        if (newer.Count == 0)
        {
            return older;
        }

        if (older.Count == 0)
        {
            return newer;
        }

        var fields = new List<KeyValuePair<string, HoconValue>>(older.Count + newer.Count);
        foreach (var key in older.Keys)
        {
            var value = older[key];
            if (newer.TryGetValue(key, out var replacement))
            {
                value = Merge(value, replacement);
            }

            fields.Add(new(key, value));
        }

        foreach (var key in newer.Keys)
        {
            if (!older.TryGetValue(key, out _))
            {
                fields.Add(new(key, newer[key]));
            }
        }

        return new HoconObject(fields, older.Origin, older.IgnoresFallbacks);
    }
}
