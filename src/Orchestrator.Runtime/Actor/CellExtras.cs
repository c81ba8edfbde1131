using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime;

/// <summary>
/// The state an actor needs only sometimes, kept out of <see cref="ActorCell"/> so an actor that
/// never stashes, watches, logs or sets timers costs a few dozen bytes less.
/// </summary>
internal sealed class CellExtras
{
    private Stack<Receive?>? _behaviorStack;

    public ILogger? Log;
    public ActorStash? Stash;
    public TimerScheduler? Timers;
    public ReceiveTimeoutState? ReceiveTimeout;
    public HashSet<IActorRef>? Watching;
    public HashSet<IActorRef>? TerminatedQueued;
    public HashSet<IInternalActorRef>? WatchedBy;
    public SupervisorStrategy? Strategy;
    public object? FailedMessage;
    public IActorRef? FailedChild;
    public Exception? PendingRecreate;
    public AsyncHandlerState? Async;
    public int AsyncGeneration;

    public void PushBehavior(Receive? behavior) => (_behaviorStack ??= new()).Push(behavior);

    public Receive? PopBehavior() => _behaviorStack is { Count: > 0 } s ? s.Pop() : null;

    public void ClearBehaviorStack() => _behaviorStack?.Clear();
}

/// <summary>The message and sender an async handler started with, restored for each of its continuations.</summary>
internal sealed record AsyncHandlerState(object? Message, IActorRef? Sender);
