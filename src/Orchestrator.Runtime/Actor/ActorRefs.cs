namespace Orchestrator.Runtime;

/// <summary>Well-known refs: <see cref="NoSender"/> for messages from outside any actor, <see cref="Nobody"/> for "no such actor".</summary>
public static class ActorRefs
{
    /// <summary>The sender of a message told from outside an actor; replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A ref that names no actor; messages to it are dropped as dead letters.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    private sealed class NobodyRef : ActorRefBase, IInternalActorRef
    {
        private static readonly ActorPath NobodyPath = new ChildActorPath(new RootActorPath(Address.Local("all-systems")), "Nobody", 0);
        public override ActorPath Path => NobodyPath;
        public bool IsTerminated => true;
        public override void Tell(object message, IActorRef? sender) { }
        public void SendSystemMessage(Dispatch.SystemMessage message)
        {
            if (message is Dispatch.Watch w) w.Watcher.SendSystemMessage(new Dispatch.DeathWatchNotification(this, ExistenceConfirmed: false));
        }
        public void Stop() { }
    }
}
