namespace Orchestrator.Runtime;

/// <summary>Builds <see cref="Receive"/> delegates from typed handlers; shared by every actor base with Receive&lt;T&gt;-style registration.</summary>
internal static class TypedHandlers
{
    public static Receive For<T>(Action<T> handler, Predicate<T>? shouldHandle) => shouldHandle is null
        ? m => { if (m is not T t) return false; handler(t); return true; }
        : m => { if (m is not T t || !shouldHandle(t)) return false; handler(t); return true; };

    public static Receive Any(Action<object> handler) => m => { handler(m); return true; };

    /// <summary>Tries each handler in registration order; the first that takes the message wins.</summary>
    public static Receive FirstMatch(Receive[] handlers) => m =>
    {
        for (var i = 0; i < handlers.Length; i++)
            if (handlers[i](m)) return true;
        return false;
    };
}
