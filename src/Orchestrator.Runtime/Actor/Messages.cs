namespace Orchestrator.Runtime;

/// <summary>Marks messages the runtime handles itself before they reach the actor's behaviour.</summary>
public interface IAutoReceivedMessage;

/// <summary>Marks messages that do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Stops the actor once it reaches this message: messages queued before it are processed first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    /// <summary>The one instance.</summary>
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; its supervisor decides (by default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    /// <summary>The one instance.</summary>
    public static readonly Kill Instance = new();
    private Kill() { }
}

/// <summary>Delivered exactly once to each watcher of an actor that stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was never known to exist.</param>
/// <param name="AddressTerminated">True when the actor is presumed dead because its process was lost.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true, bool AddressTerminated = false)
    : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>Sent to an actor that received nothing for its receive timeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    /// <summary>The one instance.</summary>
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
}

/// <summary>Any actor answers with <see cref="ActorIdentity"/>; used to resolve selections.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>The answer to <see cref="Identify"/>: <paramref name="Subject"/> is null when nothing answered.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>Success and failure replies, as used by Ask and PipeTo.</summary>
public static class Status
{
    /// <summary>An operation succeeded with <paramref name="Value"/>.</summary>
    public sealed record Success(object? Value);

    /// <summary>An operation failed; an Ask that receives this fails with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
