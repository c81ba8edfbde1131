namespace Orchestrator.Runtime;

/// <summary>
/// A handle to an actor. The only way to talk to an actor is to <see cref="Tell"/> it a message;
/// a handle stays valid after the actor stops (messages then go to dead letters).
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's path, including its incarnation id.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor and returns at once. Never throws because
    /// the actor is gone: undeliverable messages are published as <see cref="Event.DeadLetter"/>.
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
