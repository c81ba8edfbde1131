namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// What a controller has asked the store for and not yet seen in its informers, per controller key:
/// a count of creations and the uids of deletions. While a key's expectations are unmet its informer
/// cache is known to be behind the controller's own writes, so the controller must not act on the
/// difference again (it would create twice). Expectations older than the timeout count as met, so a
/// lost event costs a delay, never a stuck controller. Owned by one actor.
/// </summary>
public sealed class ControllerExpectations(TimeSpan timeout, Func<DateTimeOffset> now)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> has nothing pending (or its expectations timed out).</summary>
    public bool IsSatisfied(string key) =>
        !_entries.TryGetValue(key, out var entry) || (entry.Creations <= 0 && entry.Deletions.Count == 0) || now() - entry.Since > timeout;

    /// <summary>Creations still expected for <paramref name="key"/>.</summary>
    public int PendingCreations(string key) => _entries.TryGetValue(key, out var e) ? Math.Max(e.Creations, 0) : 0;

    /// <summary>Deletions still expected for <paramref name="key"/>.</summary>
    public int PendingDeletions(string key) => _entries.TryGetValue(key, out var e) ? e.Deletions.Count : 0;

    /// <summary>Replaces the expectations of <paramref name="key"/>: <paramref name="creations"/> creates and the deletions of <paramref name="deletedUids"/>.</summary>
    public void Expect(string key, int creations, IEnumerable<string> deletedUids) =>
        _entries[key] = new Entry(creations, new HashSet<string>(deletedUids, StringComparer.Ordinal), now());

    /// <summary>One expected creation was seen in the informer, or failed (it will not be seen).</summary>
    public void CreationObserved(string key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Creations--;
        }
    }

    /// <summary>The deletion of <paramref name="uid"/> was seen, or failed.</summary>
    public void DeletionObserved(string key, string uid)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Deletions.Remove(uid);
        }
    }

    /// <summary>Forgets <paramref name="key"/> (its object was deleted).</summary>
    public void Forget(string key) => _entries.Remove(key);

    private sealed class Entry(int creations, HashSet<string> deletions, DateTimeOffset since)
    {
        public int Creations { get; set; } = creations;

        public HashSet<string> Deletions { get; } = deletions;

        public DateTimeOffset Since { get; } = since;
    }
}
