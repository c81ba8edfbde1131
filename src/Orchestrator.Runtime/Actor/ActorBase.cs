using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime;

/// <summary>
/// The base of every actor. An instance is created only by the runtime (through <see cref="Props"/>),
/// processes one message at a time, and is replaced by a fresh instance when it is restarted.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    protected ActorBase()
    {
        _cell = ActorCell.Current is { IsCreatingActor: true } cell
            ? cell
            : throw new ActorInitializationException(
                $"{GetType().Name} cannot be created with 'new': create actors with ActorOf(Props.Create<{GetType().Name}>(...)).");
    }

    /// <summary>This actor's context: self, sender, children, watch, become, timeouts.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>This actor's logger.</summary>
    protected ILogger Log => _cell.Log;

    internal ActorCell Cell => _cell;

    // The runtime calls the protected hooks through these, so overrides look the same in every assembly.
    internal bool InvokeReceive(Receive? behavior, object message) => AroundReceive(behavior, message);
    internal void InvokeUnhandled(object message) => Unhandled(message);
    internal void InvokePreStart() => AroundPreStart();
    internal void InvokePostStop() => AroundPostStop();
    internal void InvokePreRestart(Exception reason, object? message) => AroundPreRestart(reason, message);
    internal void InvokePostRestart(Exception reason) => AroundPostRestart(reason);
    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    // Runtime modules (persistence) wrap the user's hooks here; users override the plain hooks.
    internal virtual bool AroundReceive(Receive? behavior, object message) => behavior is null ? Receive(message) : behavior(message);
    internal virtual void AroundPreStart() => PreStart();
    internal virtual void AroundPostStop() => PostStop();
    internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>Handles one message; returns false when the current behaviour does not handle it.</summary>
    protected abstract bool Receive(object message);

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> stops the
    /// actor with a <see cref="DeathPactException"/>; anything else is published as
    /// <see cref="Event.UnhandledMessage"/> and logged.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        _cell.PublishUnhandled(message);
    }

    /// <summary>Runs once before the first message (and, by default, after a restart).</summary>
    protected virtual void PreStart() { }

    /// <summary>Runs after the actor and all its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>Runs on the failed instance before a restart; by default stops all children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; read once per instance.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.Default;

    /// <summary>Replaces the current behaviour.</summary>
    protected void Become(Receive receive) => _cell.Become(receive);

    /// <summary>Sends <see cref="Runtime.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);
}

/// <summary>An actor with one <see cref="OnReceive"/> method; the leanest kind, for hot paths.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message; call <see cref="ActorBase.Unhandled"/> for what it does not handle.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
