namespace Orchestrator.Runtime;

/// <summary>Tell and Forward with the implicit sender: the current actor, or none when called from outside an actor.</summary>
public static class ActorRefExtensions
{
    /// <summary>Tells <paramref name="message"/> with the calling actor as sender (none outside an actor).</summary>
    public static void Tell(this IActorRef recipient, object message) =>
        recipient.Tell(message, ActorCell.Current?.Self);

    /// <summary>Passes <paramref name="message"/> on, keeping the sender of the message being processed.</summary>
    public static void Forward(this IActorRef recipient, object message)
    {
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be called from inside an actor.");
        recipient.Tell(message, cell.Sender);
    }

    /// <summary>True when the ref is a local actor that has fully stopped.</summary>
    public static bool IsTerminated(this IActorRef actor) => actor is IInternalActorRef { IsTerminated: true };
}
