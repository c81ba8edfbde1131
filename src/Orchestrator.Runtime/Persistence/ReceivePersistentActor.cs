namespace Orchestrator.Runtime.Persistence;

/// <summary>
/// A persistent actor whose command and recovery handlers are registered by type in its
/// constructor: <c>Command&lt;CreatePod&gt;(HandleCreate)</c>, <c>Recover&lt;PodCreated&gt;(e =&gt; _state = _state.Apply(e))</c>.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActorBase
{
    private List<Receive>? _commands = [];
    private List<Receive>? _recovers = [];
    private Receive? _commandBehavior;
    private Receive? _recoverBehavior;

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message) =>
        (_commandBehavior ??= Seal(ref _commands))(message);

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message) =>
        (_recoverBehavior ??= Seal(ref _recovers))(message);

    /// <summary>Handles commands of type <typeparamref name="T"/>.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => Add(_commands, TypedHandlers.For(handler, shouldHandle), "Command");

    /// <summary>Handles every command not handled by an earlier registration.</summary>
    protected void CommandAny(Action<object> handler) => Add(_commands, TypedHandlers.Any(handler), "CommandAny");

    /// <summary>Handles recovery messages (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>) of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => Add(_recovers, TypedHandlers.For(handler, shouldHandle), "Recover");

    /// <summary>Handles every recovery message not handled earlier.</summary>
    protected void RecoverAny(Action<object> handler) => Add(_recovers, TypedHandlers.Any(handler), "RecoverAny");

    private static Receive Seal(ref List<Receive>? handlers)
    {
        var sealedHandlers = TypedHandlers.FirstMatch(handlers?.ToArray() ?? []);
        handlers = null;
        return sealedHandlers;
    }

    private static void Add(List<Receive>? handlers, Receive handler, string what)
    {
        if (handlers is null) throw new InvalidOperationException($"{what} handlers can only be registered in the constructor.");
        handlers.Add(handler);
    }
}
