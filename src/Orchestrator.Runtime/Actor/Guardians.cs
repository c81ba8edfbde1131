using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>The actor behind <c>/user</c> and <c>/system</c>: it does nothing but supervise its children.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}

/// <summary>
/// The root <c>/</c>: not an actor, only the parent of the two guardians. A guardian that fails is
/// stopped; when <c>/user</c> has stopped, <c>/system</c> is stopped; when that has stopped, the
/// system has terminated.
/// </summary>
internal sealed class RootGuardianRef(ActorSystem system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path { get; } = path;

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    public override void Tell(object message, IActorRef? sender) =>
        system.DeadLetterRef.Publish(message, sender, this, "the root guardian accepts no messages");

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                RuntimeLog.GuardianFailed(system.Logging.Runtime, failed.Cause, failed.Child.Path.ToString());
                ((IInternalActorRef)failed.Child).Stop();
                if (ReferenceEquals(failed.Child, system.UserGuardian)) _ = system.Terminate();
                break;
            case DeathWatchNotification n when ReferenceEquals(n.Actor, system.UserGuardian):
                system.SystemGuardian.Stop();
                break;
            case DeathWatchNotification n when ReferenceEquals(n.Actor, system.SystemGuardian):
                system.OnSystemGuardianStopped();
                break;
        }
    }

    public void Stop() => system.UserGuardian.Stop();
}
