using System.Text;
using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// A ref to an actor in another actor system, reached over TCP. <see cref="ActorRefBase.Equals(IActorRef)"/>
/// compares paths, so the ref a message brought back equals the one the watcher holds. Tell serializes
/// nothing itself: it queues the message on the association with the other system, whose writer loop
/// serializes it (manifest + JSON) and sends it; an undeliverable message ends as a dead letter.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase, IInternalActorRef
{
    private readonly RemoteTransport _transport;
    private byte[]? _pathBytes;
    private Association? _association;

    internal RemoteActorRef(RemoteTransport transport, ActorPath path)
    {
        _transport = transport;
        Path = path;
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <summary>The local system through which this ref sends.</summary>
    public ActorSystem System => _transport.System;

    /// <summary>The path as written in frames, encoded once.</summary>
    internal byte[] PathBytes => _pathBytes ??= Encoding.UTF8.GetBytes(Path.ToSerializationFormat());

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _transport.Send(this, new OutboundEnvelope(FrameKind.User, this, message, sender));
    }

    /// <summary>Sends a selection (a path below the other system's root, wildcards allowed) resolved by the other system.</summary>
    internal void TellSelection(string pathBelowRoot, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _transport.Send(this, new OutboundEnvelope(FrameKind.Selection, this, message, sender, Selection: pathBelowRoot));
    }

    /// <summary>The live association to the other system, looked up again once the cached one has been lost.</summary>
    internal Association Association
    {
        get
        {
            var a = Volatile.Read(ref _association);
            if (a is null || a.IsTerminated) Volatile.Write(ref _association, a = _transport.AssociationFor(Path.Address));
            return a;
        }
    }

    // A remote actor is never known to be stopped here: its death arrives as a notification.
    bool IInternalActorRef.IsTerminated => false;

    void IInternalActorRef.SendSystemMessage(SystemMessage message) => _transport.SendSystem(this, message);

    void IInternalActorRef.Stop() => _transport.SendSystem(this, new Terminate());
}
