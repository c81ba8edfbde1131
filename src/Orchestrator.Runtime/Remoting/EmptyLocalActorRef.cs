using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// What a path that names no live actor resolves to: it keeps the path (so it prints and compares as
/// the sender asked), sends messages to dead letters (an Identify is answered with no subject) and
/// answers a Watch at once with ExistenceConfirmed = false.
/// </summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path { get; } = path;

    public ActorSystem System => system;

    public bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender) =>
        system.DeadLetterRef.Publish(message, sender, this, "no actor at this path");

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w) w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
    }

    public void Stop() { }
}
