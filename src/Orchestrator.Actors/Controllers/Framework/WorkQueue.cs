namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// A controller's queue of object keys, owned by one actor (not thread-safe, by design). A key is queued
/// at most once; a key added while it is being processed is not handed out again until
/// <see cref="Done"/>, and then exactly once, so one key is never synced twice at the same time and no
/// change seen meanwhile is lost.
/// </summary>
public sealed class WorkQueue
{
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);

    /// <summary>Keys waiting to be handed out.</summary>
    public int Count => _queue.Count;

    /// <summary>Keys handed out and not yet done.</summary>
    public int Processing => _processing.Count;

    /// <summary>Queues <paramref name="key"/> unless it is already waiting.</summary>
    public void Add(string key)
    {
        if (!_dirty.Add(key) || _processing.Contains(key))
        {
            return;
        }

        _queue.Enqueue(key);
    }

    /// <summary>Hands out the oldest waiting key; it counts as processing until <see cref="Done"/>.</summary>
    public bool TryTake(out string key)
    {
        if (!_queue.TryDequeue(out var next))
        {
            key = "";
            return false;
        }

        _dirty.Remove(next);
        _processing.Add(next);
        key = next;
        return true;
    }

    /// <summary>Ends the processing of <paramref name="key"/>; queues it again when it was added meanwhile.</summary>
    public void Done(string key)
    {
        _processing.Remove(key);
        if (_dirty.Contains(key))
        {
            _queue.Enqueue(key);
        }
    }

    /// <summary>True while <paramref name="key"/> is waiting or being processed.</summary>
    public bool Contains(string key) => _dirty.Contains(key) || _processing.Contains(key);
}
