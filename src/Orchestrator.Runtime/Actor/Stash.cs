using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>Messages put aside to be processed later, typically after a <c>Become</c>.</summary>
public interface IStash
{
    /// <summary>Puts the message being processed aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Puts back the stashed messages that match <paramref name="predicate"/>, in order.</summary>
    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Number of stashed messages.</summary>
    int Count { get; }
}

/// <summary>Implemented by actors that stash; the runtime sets <see cref="Stash"/> when it creates the instance.</summary>
public interface IWithStash
{
    /// <summary>This actor's stash; it survives restarts (messages are unstashed for the new instance).</summary>
    IStash Stash { get; set; }
}

/// <summary>An unbounded stash owned by one cell.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();
    private object? _lastStashed;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new StashException("Nothing to stash: Stash() must be called while processing a message.");
        if (ReferenceEquals(message, _lastStashed) && _stashed.Count > 0 && ReferenceEquals(_stashed.Last!.Value.Message, message))
            throw new StashException($"The message {message.GetType().Name} is already stashed; a message can be stashed only once.");
        _stashed.AddLast(new Envelope(message, cell.CurrentSender));
        _lastStashed = message;
    }

    /// <summary>
    /// A new delivery starts: the same object may arrive (and be stashed) again, e.g. a singleton
    /// message or an interned string, so only a second Stash() within one delivery is an error.
    /// </summary>
    internal void OnNewDelivery() => _lastStashed = null;

    public void Unstash()
    {
        if (_stashed.First is not { } first) return;
        _stashed.RemoveFirst();
        PutBack(first.Value);
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<object, bool> predicate)
    {
        // Prepend in reverse so the oldest stashed message ends up first.
        for (var node = _stashed.Last; node is not null;)
        {
            var previous = node.Previous;
            if (predicate(node.Value.Message))
            {
                PutBack(node.Value);
                _stashed.Remove(node);
            }
            node = previous;
        }
        _lastStashed = null;
    }

    internal void UnstashAllForRestart() => UnstashAll();

    /// <summary>
    /// Puts a message back in front of the mailbox. A Terminated the actor stashed was accepted
    /// once already, so it is queued for delivery again (otherwise it would be taken for a stale one).
    /// </summary>
    private void PutBack(in Envelope envelope)
    {
        if (envelope.Message is Terminated t) cell.RequeueTerminated(t.ActorRef);
        cell.Mailbox.Prepend(envelope);
    }

    internal void DropAllToDeadLetters()
    {
        foreach (var e in _stashed) cell.SystemImpl.DeadLetterRef.Publish(e.Message, e.Sender, cell.SelfRef);
        _stashed.Clear();
    }
}
