using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>A ref to an actor in this process; one per actor, valid for its whole life and after.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : ActorRefBase, IInternalActorRef
{
    internal ActorCell Cell { get; } = cell;

    public override ActorPath Path { get; } = path;

    public bool IsTerminated => Cell.Mailbox.IsClosed;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(message, sender);
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public void Stop() => Cell.Mailbox.PostSystem(new Terminate());
}
