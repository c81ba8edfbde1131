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

    public void Unstash()
    {
        if (_stashed.First is not { } first) return;
        _stashed.RemoveFirst();
        cell.Mailbox.Prepend(first.Value);
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
                cell.Mailbox.Prepend(node.Value);
                _stashed.Remove(node);
            }
            node = previous;
        }
        _lastStashed = null;
    }

    internal void UnstashAllForRestart() => UnstashAll();

    internal void DropAllToDeadLetters()
    {
        foreach (var e in _stashed) cell.SystemImpl.DeadLetterRef.Publish(e.Message, e.Sender, cell.SelfRef);
        _stashed.Clear();
    }
}
