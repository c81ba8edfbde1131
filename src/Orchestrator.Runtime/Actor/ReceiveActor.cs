namespace Orchestrator.Runtime;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor
/// (<c>Receive&lt;CreatePod&gt;(HandleCreate)</c>); the first handler whose type and predicate match wins.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<Receive>? _configuring;
    private Receive[] _initial = [];
    private bool _initialBuilt;

    /// <summary>Starts collecting the handlers of the initial behaviour.</summary>
    protected ReceiveActor() => _configuring = [];

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        if (!_initialBuilt) BuildInitial();
        var handlers = _initial;
        for (var i = 0; i < handlers.Length; i++)
            if (handlers[i](message)) return true;
        return false;
    }

    private void BuildInitial()
    {
        _initial = _configuring?.ToArray() ?? [];
        _configuring = null;
        _initialBuilt = true;
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => Register(TypedHandlers.For(handler, shouldHandle));

    /// <summary>
    /// Offers messages of type <typeparamref name="T"/> to <paramref name="handler"/>, which returns whether it
    /// handled the message; a declined message goes on to later handlers. Named apart from
    /// <c>Receive</c> on purpose: as an overload, any lambda with a bool value (<c>_ =&gt; _busy = false</c>)
    /// silently bound to it and its messages counted as unhandled.
    /// </summary>
    protected void TryReceive<T>(Func<T, bool> handler) => Register(m => m is T t && handler(t));

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: no other message is processed
    /// until the task completes, and code after each <c>await</c> runs as part of this actor
    /// (Self, Sender and Context stay valid).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Register(m =>
        {
            if (m is not T t || (shouldHandle is not null && !shouldHandle(t))) return false;
            Cell.RunAsync(() => handler(t));
            return true;
        });

    /// <summary>Handles every message not handled by an earlier registration.</summary>
    protected void ReceiveAny(Action<object> handler) => Register(TypedHandlers.Any(handler));

    /// <summary>Handles every message not handled earlier, asynchronously (see <see cref="ReceiveAsync{T}"/>).</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => Register(m => { Cell.RunAsync(() => handler(m)); return true; });

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the behaviour that <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops it.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <summary>Returns to the previous behaviour.</summary>
    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private Receive Build(Action configure)
    {
        var saved = _configuring;
        _configuring = [];
        try
        {
            configure();
            return TypedHandlers.FirstMatch(_configuring.ToArray());
        }
        finally
        {
            _configuring = saved;
        }
    }

    private void Register(Receive handler)
    {
        if (_configuring is null)
            throw new InvalidOperationException(
                "Receive handlers can only be registered in the constructor or inside Become(() => ...).");
        _configuring.Add(handler);
    }
}
