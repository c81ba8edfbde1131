using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>Equality, hashing and printing shared by every kind of actor ref: two refs are equal when their paths are.</summary>
public abstract class ActorRefBase : IActorRef
{
    /// <inheritdoc />
    public abstract ActorPath Path { get; }

    /// <inheritdoc />
    public abstract void Tell(object message, IActorRef? sender);

    /// <inheritdoc />
    public bool Equals(IActorRef? other) =>
        ReferenceEquals(this, other) || (other is not null && Path.Equals(other.Path) && Path.Uid == other.Path.Uid);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    /// <inheritdoc />
    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}

/// <summary>What the runtime needs of a ref beyond <see cref="IActorRef"/>: system messages, stopping, liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>True once the actor has fully stopped.</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a lifecycle message ahead of ordinary messages.</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>Asks the actor to stop (children first, then itself).</summary>
    void Stop();
}
