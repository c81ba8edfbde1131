namespace Orchestrator.Runtime;

/// <summary>Base of the runtime's own exceptions.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>An actor could not be constructed or its PreStart failed; by default the actor is stopped.</summary>
public sealed class ActorInitializationException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException(string message) : base(message) { }
}

/// <summary>An actor received a <see cref="Terminated"/> it did not handle: it dies with the actor it watched.</summary>
public sealed class DeathPactException : ActorException
{
    /// <summary>The actor whose death was not handled.</summary>
    public IActorRef DeadActor { get; }

    /// <summary>Creates the exception.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor {deadActor} terminated and its Terminated message was not handled.") => DeadActor = deadActor;
}

/// <summary>A child name is invalid or already taken.</summary>
public sealed class InvalidActorNameException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public InvalidActorNameException(string message) : base(message) { }
}

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException(string message) : base(message) { }
}

/// <summary>An actor selection matched no live actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorNotFoundException(string message) : base(message) { }
}

/// <summary>A stash operation was used wrongly (a message stashed twice, a bound exceeded).</summary>
public sealed class StashException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public StashException(string message) : base(message) { }
}
