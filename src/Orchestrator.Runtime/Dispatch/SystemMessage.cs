namespace Orchestrator.Runtime.Dispatch;

/// <summary>
/// A lifecycle message, processed before any ordinary message and even while the actor is suspended.
/// Each instance is linked into exactly one mailbox's system queue, so instances are never reused.
/// Records for their printing only: compare them by reference (value equality would walk <see cref="Next"/>).
/// </summary>
internal abstract record SystemMessage
{
    /// <summary>Intrusive link of the mailbox's lock-free system-message stack.</summary>
    internal SystemMessage? Next;
}

/// <summary>Constructs the actor instance and runs PreStart.</summary>
internal sealed record Create : SystemMessage;

/// <summary>Stops the actor: children first, then PostStop, then watchers are told.</summary>
internal sealed record Terminate : SystemMessage;

/// <summary>Restarts the actor after <paramref name="Cause"/>: a fresh instance replaces the failed one.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>Holds user messages until a matching <see cref="Resume"/> (counted).</summary>
internal sealed record Suspend : SystemMessage;

/// <summary>Lets user messages flow again; <paramref name="CausedByFailure"/> is set when the supervisor chose Resume.</summary>
internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;

/// <summary>A child reports that it failed and is suspended, waiting for its parent's directive.</summary>
internal sealed record Failed(IActorRef Child, Exception Cause, long Uid) : SystemMessage;

/// <summary><paramref name="Watcher"/> wants a Terminated when <paramref name="Watchee"/> stops.</summary>
internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Takes back a <see cref="Watch"/>.</summary>
internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Tells a watcher (or the parent) that <paramref name="Actor"/> has stopped.</summary>
/// <param name="AddressTerminated">
/// Set by remoting when the actor is presumed dead because the association with its process was lost
/// for good; it is carried into the watcher's <see cref="Terminated"/>.
/// </param>
internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated = false) : SystemMessage;

/// <summary>An async handler's task finished; user messages may flow again.</summary>
internal sealed record AsyncHandlerCompleted(Task Task, int Generation) : SystemMessage;

/// <summary>A continuation of an async handler, run in the actor's context.</summary>
internal sealed record RunContinuation(SendOrPostCallback Callback, object? State, int Generation) : SystemMessage;
