using Orchestrator.Model;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>The type of a watch event, as Kubernetes names it on the wire.</summary>
public enum WatchEventType
{
    /// <summary>ADDED: the object is new (or newly matches the watch's selectors).</summary>
    Added,

    /// <summary>MODIFIED: the object changed and still matches.</summary>
    Modified,

    /// <summary>DELETED: the object is gone (or no longer matches); the object is its last state.</summary>
    Deleted,

    /// <summary>BOOKMARK: no change; the watch has seen everything up to the event's resourceVersion.</summary>
    Bookmark,

    /// <summary>ERROR: the watch ends; the event carries a status error (e.g. 410 Expired).</summary>
    Error,
}

/// <summary>One applied change: the object after it (for a removal, its last state) and before it.</summary>
public sealed record Change(long ResourceVersion, WatchEventType Type, IKubernetesObject Object, IKubernetesObject? Previous);

/// <summary>
/// The last <c>capacity</c> changes of one kind, for watches that resume from a resourceVersion.
/// A watch from resourceVersion R is served when every change after R is still held, i.e. when
/// R ≥ <see cref="Floor"/> (the newest change dropped; 0 while nothing was dropped).
/// </summary>
public sealed class WatchHistory(int capacity)
{
    private readonly Queue<Change> _changes = new();

    /// <summary>The resourceVersion of the newest change dropped from the window (0 when none was).</summary>
    public long Floor { get; private set; }

    /// <summary>Number of changes held.</summary>
    public int Count => _changes.Count;

    /// <summary>Appends a change, dropping the oldest when full.</summary>
    public void Add(Change change)
    {
        _changes.Enqueue(change);
        while (_changes.Count > capacity) Floor = _changes.Dequeue().ResourceVersion;
    }

    /// <summary>The changes after <paramref name="resourceVersion"/>, or false when some of them were dropped.</summary>
    public bool TrySince(long resourceVersion, out IReadOnlyList<Change> changes)
    {
        if (resourceVersion < Floor)
        {
            changes = [];
            return false;
        }

        changes = _changes.Where(c => c.ResourceVersion > resourceVersion).ToList();
        return true;
    }
}
