namespace Orchestrator.Runtime.Tests.Actor;

/// <summary>The exception test actors throw on purpose.</summary>
public sealed class TestException(string message) : Exception(message);

/// <summary>
/// A one-shot signal that an actor awaits without blocking (its mailbox is then held for user
/// messages while system messages still flow); the test opens it.
/// </summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => _opened.Task;

    public void Open() => _opened.TrySetResult();
}

/// <summary>Makes a <see cref="Recorder"/> throw a <see cref="TestException"/> with <paramref name="Reason"/>.</summary>
public sealed record Fail(string Reason);

/// <summary>Makes an actor create a child; it replies with the child's ref.</summary>
public sealed record CreateChild(Props Props, string? Name = null);

/// <summary>Makes a <see cref="Recorder"/> (or <see cref="Holder"/>) await <paramref name="Gate"/>; it answers <see cref="Holding"/> first.</summary>
public sealed record Hold(Gate Gate);

/// <summary>The answer to <see cref="Hold"/>: the actor is now awaiting the gate.</summary>
public sealed record Holding(string Actor);

/// <summary>A lifecycle hook that ran in <paramref name="Actor"/> (the actor's name).</summary>
public sealed record Hook(string Actor, string Name, string? Reason = null, object? Message = null)
{
    public const string PreStart = "PreStart", PostStop = "PostStop", PreRestart = "PreRestart", PostRestart = "PostRestart";
}

/// <summary>
/// The general-purpose test actor. It reports every lifecycle hook to <c>reportTo</c> as a
/// <see cref="Hook"/>, counts <c>"inc"</c> messages (replying with the new count, so a fresh
/// instance is visible), answers <c>"count"</c>, fails on <see cref="Fail"/>, creates children on
/// <see cref="CreateChild"/>, holds on <see cref="Hold"/>, and echoes anything else to its sender.
/// It supervises its children with <c>strategy</c>, and with <c>keepChildrenOnRestart</c> its
/// PreRestart neither stops children nor calls PostStop.
/// </summary>
public sealed class Recorder : ReceiveActor
{
    private readonly IActorRef _reportTo;
    private readonly SupervisorStrategy? _strategy;
    private readonly bool _keepChildrenOnRestart;
    private int _count;
    private bool _inPreRestart;

    public Recorder(IActorRef reportTo, SupervisorStrategy? strategy = null, bool keepChildrenOnRestart = false)
    {
        _reportTo = reportTo;
        _strategy = strategy;
        _keepChildrenOnRestart = keepChildrenOnRestart;
        Receive<Fail>(f => Throw(f.Reason));
        Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        Receive<string>(_ => Sender.Tell(++_count, Self), s => s == "inc");
        Receive<string>(_ => Sender.Tell(_count, Self), s => s == "count");
        ReceiveAsync<Hold>(async h =>
        {
            Sender.Tell(new Holding(Self.Path.Name), Self);
            await h.Gate.Opened;
        });
        ReceiveAny(m => Sender.Tell(m, Self));
    }

    public static Props Props(IActorRef reportTo, SupervisorStrategy? strategy = null, bool keepChildrenOnRestart = false) =>
        Runtime.Props.Create(() => new Recorder(reportTo, strategy, keepChildrenOnRestart));

    public static void Throw(string reason) => throw new TestException(reason);

    protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();

    protected override void PreStart() => _reportTo.Tell(new Hook(Self.Path.Name, Hook.PreStart), Self);

    protected override void PostStop()
    {
        if (!_inPreRestart) _reportTo.Tell(new Hook(Self.Path.Name, Hook.PostStop), Self);
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        _reportTo.Tell(new Hook(Self.Path.Name, Hook.PreRestart, reason.Message, message), Self);
        if (_keepChildrenOnRestart) return;
        // The default stops the children and calls PostStop; only the hook it reports is suppressed,
        // so that a restart reports exactly PreRestart and PostRestart.
        _inPreRestart = true;
        try
        {
            base.PreRestart(reason, message);
        }
        finally
        {
            _inPreRestart = false;
        }
    }

    protected override void PostRestart(Exception reason)
    {
        _reportTo.Tell(new Hook(Self.Path.Name, Hook.PostRestart, reason.Message), Self);
        // PreStart is not called again so that a restart reports exactly one PostRestart.
    }
}

/// <summary>Replies to every message with the message itself.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Passes every message on to <c>target</c>, keeping the original sender.</summary>
public sealed class Relay : ReceiveActor
{
    public Relay(IActorRef target) => ReceiveAny(target.Forward);

    public static Props Props(IActorRef target) => Runtime.Props.Create(() => new Relay(target));
}

/// <summary>Takes every message and never answers.</summary>
public sealed class Silent : ReceiveActor
{
    public Silent() => ReceiveAny(_ => { });
}

/// <summary>
/// Relays everything to <c>target</c>, except <see cref="Hold"/>, on which it answers
/// <see cref="Holding"/> and awaits the gate: user messages then stay in its mailbox.
/// </summary>
public sealed class Holder : ReceiveActor
{
    public Holder(IActorRef target)
    {
        ReceiveAsync<Hold>(async h =>
        {
            Sender.Tell(new Holding(Self.Path.Name), Self);
            await h.Gate.Opened;
        });
        ReceiveAny(m => target.Tell(m, Sender));
    }

    public static Props Props(IActorRef target) => Runtime.Props.Create(() => new Holder(target));
}

/// <summary>Helpers shared by the specs.</summary>
public static class TestActors
{
    /// <summary>User messages waiting in the actor's mailbox (white-box: the tests see the runtime's internals).</summary>
    public static int QueuedMessages(IActorRef actor) => ((LocalActorRef)actor).Cell.Mailbox.QueuedCount;

    /// <summary>Sends <see cref="Hold"/> to <paramref name="actor"/> and waits until it is holding; returns the gate that releases it.</summary>
    public static Gate HoldActor(this TestKit.TestKit kit, IActorRef actor)
    {
        var gate = new Gate();
        actor.Tell(new Hold(gate), kit.TestActor);
        kit.ExpectMsg<Holding>();
        return gate;
    }

    /// <summary>A one-for-one strategy that always answers <paramref name="directive"/>.</summary>
    public static SupervisorStrategy Always(Directive directive) => new OneForOneStrategy(_ => directive);

    /// <summary>Every message in <paramref name="messages"/> must be a <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<T> As<T>(this IEnumerable<object> messages) => messages.Select(m => Assert.IsType<T>(m)).ToList();
}
