using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Dispatch;
using Orchestrator.Runtime.Event;

namespace Orchestrator.Runtime;

/// <summary>
/// The runtime's side of one actor: its current instance, behaviour, children, watches and
/// lifecycle. Everything here except the children container and the mailbox is touched only
/// by the thread running the actor's current turn, so it needs no locks.
/// </summary>
/// <remarks>
/// Kept small on purpose (one per actor, a million in the spawn benchmark): rarely used state
/// (stash, timers, watches, behaviour stack, receive timeout) lives in <see cref="CellExtras"/>,
/// allocated on first use.
/// </remarks>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly IInternalActorRef _parent;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private Receive? _behavior;
    private CellExtras? _extras;
    private CellFlags _flags;

    public ActorCell(ActorSystem system, Props props, IInternalActorRef parent, ActorPath path)
    {
        _system = system;
        _props = props;
        _parent = parent;
        SelfRef = new LocalActorRef(this, path);
        Mailbox = new Mailbox(this, props.Mailbox);
    }

    /// <summary>The cell whose turn the current thread is running, if any.</summary>
    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    internal LocalActorRef SelfRef { get; }
    internal Mailbox Mailbox { get; }
    internal ActorSystem SystemImpl => _system;
    internal bool IsCreatingActor => (_flags & CellFlags.CreatingActor) != 0;
    internal bool IsTerminating => (_flags & (CellFlags.Terminating | CellFlags.Terminated)) != 0;
    internal ActorBase? Actor => _actor;
    internal object? CurrentMessage => _currentMessage;
    internal IActorRef? CurrentSender => _currentSender;

    private CellExtras Extras => _extras ??= new CellExtras();

    public IActorRef Self => SelfRef;
    public IActorRef Sender => _currentSender ?? _system.DeadLetters;
    public IActorRef Parent => _parent;
    public ActorSystem System => _system;
    public Props Props => _props;
    public ILogger Log => Extras.Log ??= _system.Logging.ForActor(SelfRef.Path, _props.Type);

    /// <summary>Processes one user message with the current behaviour.</summary>
    internal void Invoke(in Envelope envelope)
    {
        _currentMessage = envelope.Message;
        _currentSender = envelope.Sender;
        _extras?.Stash?.OnNewDelivery();
        try
        {
            var message = envelope.Message;
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else ReceiveMessage(message);
            if (_extras?.ReceiveTimeout is { } rt && message is not INotInfluenceReceiveTimeout) rt.Touch();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (_extras?.Async is null)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    /// <summary>
    /// Runs the current behaviour on a message the runtime unwrapped (a timer's message, a receive
    /// timeout): it becomes the current message, so Stash() and PreRestart see it, not the wrapper.
    /// </summary>
    internal void ReceiveUnwrapped(object message)
    {
        _currentMessage = message;
        ReceiveMessage(message);
    }

    /// <summary>Runs the current behaviour; a message no handler takes goes to <see cref="ActorBase.Unhandled"/>.</summary>
    internal void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = actor.InvokeReceive(_behavior, message);
        if (!handled) actor.InvokeUnhandled(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated t:
                if (ShouldDeliverTerminated(t.ActorRef)) ReceiveMessage(t);
                break;
            case PoisonPill:
                SelfRef.Stop();
                break;
            case Kill:
                throw new ActorKilledException($"{SelfRef.Path} was killed by a Kill message.");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, SelfRef), SelfRef);
                break;
            case TimerScheduler.TimerFired fired:
                _extras?.Timers?.Deliver(fired);
                break;
            case ReceiveTimeoutState.Tick tick:
                _extras?.ReceiveTimeout?.OnTick(tick);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    /// <summary>Processes one lifecycle message.</summary>
    internal void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create: HandleCreate(); break;
                case Terminate: HandleTerminate(); break;
                case Recreate r: HandleRecreate(r.Cause); break;
                case Suspend: HandleSuspend(); break;
                case Resume r: HandleResume(r.CausedByFailure); break;
                case Failed f: HandleFailed(f); break;
                case Watch w: HandleWatch(w); break;
                case Unwatch u: HandleUnwatch(u); break;
                case DeathWatchNotification n: HandleDeathWatchNotification(n); break;
                case AsyncHandlerCompleted a: HandleAsyncCompleted(a); break;
                case RunContinuation c: HandleContinuation(c); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    private void HandleCreate()
    {
        Mailbox.Resume(); // the suspension every mailbox starts with (see Mailbox)
        CreateActor();
    }

    /// <summary>Constructs the instance and runs PreStart; a failure is an <see cref="ActorInitializationException"/>.</summary>
    private void CreateActor()
    {
        try
        {
            NewActorInstance();
            _actor!.InvokePreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{SelfRef.Path}: exception during creation: {Unwrap(e).Message}", Unwrap(e)));
        }
    }

    private void NewActorInstance()
    {
        _behavior = null;
        _extras?.ClearBehaviorStack();
        _flags |= CellFlags.CreatingActor;
        try
        {
            var actor = _props.NewActor();
            if (actor is IWithStash withStash) withStash.Stash = Extras.Stash ??= new ActorStash(this);
            if (actor is IWithTimers withTimers) withTimers.Timers = Extras.Timers ??= new TimerScheduler(this);
            _actor = actor;
        }
        finally
        {
            _flags &= ~CellFlags.CreatingActor;
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;

    public void Become(Receive receive) => _behavior = receive;

    public void BecomeStacked(Receive receive)
    {
        Extras.PushBehavior(_behavior);
        _behavior = receive;
    }

    public void UnbecomeStacked() => _behavior = _extras?.PopBehavior();

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout?.Timeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is null || timeout <= TimeSpan.Zero)
        {
            _extras?.ReceiveTimeout?.Cancel();
            if (_extras is not null) _extras.ReceiveTimeout = null;
            return;
        }
        (Extras.ReceiveTimeout ??= new ReceiveTimeoutState(this)).Set(timeout.Value);
    }

    public ActorSelection ActorSelection(string path) => Runtime.ActorSelection.Parse(SelfRef, path, _system);

    internal void PublishUnhandled(object message)
    {
        _system.EventStream.Publish(new UnhandledMessage(message, _currentSender, SelfRef));
        if (_system.Settings.LogUnhandled) RuntimeLog.UnhandledMessage(Log, message.GetType().Name, SelfRef.Path.ToString(), Sender.Path.ToString());
    }

    /// <summary>Makes <see cref="Sender"/> the sender of an earlier message while a deferred handler of it runs (persist handlers).</summary>
    internal void OverrideCurrentSender(IActorRef? sender) => _currentSender = sender;

    /// <summary>Restores the message and sender of an async handler while its continuation runs.</summary>
    private void SetCurrent(object? message, IActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;
    }

    [Flags]
    private enum CellFlags : byte
    {
        CreatingActor = 1,
        Failed = 2,
        Terminating = 4,
        Terminated = 8,
    }
}
