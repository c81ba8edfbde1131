namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// One item of an association's outbound queue, serialized by the connection's writer loop (not by the
/// sender, so a Tell to a remote actor costs an enqueue). For a System frame <see cref="Message"/> is
/// the kernel's system message and <see cref="Seq"/> its sequence number; for a Goodbye it is the
/// completion to signal once the frame is flushed.
/// </summary>
internal readonly record struct OutboundEnvelope(
    FrameKind Kind, RemoteActorRef? Recipient, object? Message, IActorRef? Sender, long Seq = 0, string? Selection = null);
