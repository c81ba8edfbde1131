namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>Label map helpers.</summary>
public static class LabelSets
{
    /// <summary>True when both maps hold the same keys with the same values.</summary>
    public static bool Equal(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value) return false;
        }

        return true;
    }
}
