using System.Collections.Concurrent;

namespace Orchestrator.Runtime.Dispatch;

/// <summary>
/// The user-message queue of a mailbox: many producers, one consumer (the actor's current turn).
/// </summary>
internal interface IMessageQueue
{
    /// <summary>True when nothing is queued.</summary>
    bool IsEmpty { get; }

    /// <summary>Number of queued messages (approximate while producers are active).</summary>
    int Count { get; }

    /// <summary>Adds a message; returns the message that had to be dropped to respect a bound, if any.</summary>
    bool TryEnqueue(in Envelope envelope, out Envelope dropped);

    /// <summary>Takes the oldest message.</summary>
    bool TryDequeue(out Envelope envelope);
}

/// <summary>An unbounded queue; the default.</summary>
internal sealed class UnboundedMessageQueue : IMessageQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    public bool IsEmpty => _queue.IsEmpty;
    public int Count => _queue.Count;

    public bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        _queue.Enqueue(envelope);
        dropped = default;
        return false;
    }

    public bool TryDequeue(out Envelope envelope) => _queue.TryDequeue(out envelope);
}

/// <summary>
/// A queue holding at most <c>capacity</c> messages. Producers never block (that would stall
/// dispatcher threads); on overflow either the new message or the oldest one is dropped to dead letters.
/// </summary>
internal sealed class BoundedMessageQueue(int capacity, MailboxOverflowStrategy overflow) : IMessageQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private int _count;

    public bool IsEmpty => _queue.IsEmpty;
    public int Count => Volatile.Read(ref _count);

    public bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        if (Interlocked.Increment(ref _count) <= capacity)
        {
            _queue.Enqueue(envelope);
            dropped = default;
            return false;
        }
        if (overflow == MailboxOverflowStrategy.DropNewest)
        {
            Interlocked.Decrement(ref _count);
            dropped = envelope;
            return true;
        }
        // DropOldest: make room by removing the head; count stays at capacity.
        _queue.Enqueue(envelope);
        if (_queue.TryDequeue(out dropped))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope)) return false;
        Interlocked.Decrement(ref _count);
        return true;
    }
}

/// <summary>What a bounded mailbox does with a message that does not fit.</summary>
public enum MailboxOverflowStrategy
{
    /// <summary>The new message goes to dead letters.</summary>
    DropNewest,
    /// <summary>The oldest queued message goes to dead letters to make room.</summary>
    DropOldest,
}

/// <summary>How an actor's mailbox is built: unbounded (default) or bounded with an overflow strategy.</summary>
public sealed record MailboxSettings(int? Capacity = null, MailboxOverflowStrategy Overflow = MailboxOverflowStrategy.DropNewest)
{
    /// <summary>The default unbounded mailbox.</summary>
    public static readonly MailboxSettings Unbounded = new();

    internal IMessageQueue CreateQueue() =>
        Capacity is int c ? new BoundedMessageQueue(c, Overflow) : new UnboundedMessageQueue();
}
