using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime;

/// <summary>A handler for one message: returns true when it handled the message.</summary>
public delegate bool Receive(object message);

/// <summary>What an actor can see and do about itself while it processes a message.</summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed (dead letters when there is none).</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor of this actor.</summary>
    IActorRef Parent { get; }

    /// <summary>The live children, in no particular order.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The actor system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created with.</summary>
    Props Props { get; }

    /// <summary>A logger whose events carry this actor's path.</summary>
    ILogger Log { get; }

    /// <summary>The receive timeout currently set, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Creates a child; names must be unique among live children.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The live child called <paramref name="name"/>, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Stops a child (or this actor itself) asynchronously; its children stop first.</summary>
    void Stop(IActorRef child);

    /// <summary>Asks for exactly one <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Takes back a watch; no Terminated for it is processed after this call.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour that <see cref="UnbecomeStacked"/> pops.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the previous behaviour.</summary>
    void UnbecomeStacked();

    /// <summary>Sends <see cref="Runtime.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Selects actors by path, relative to this actor (<c>../sibling</c>) or absolute (<c>/user/a</c>).</summary>
    ActorSelection ActorSelection(string path);
}
