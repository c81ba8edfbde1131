using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Remoting;

/// <summary>Remoting's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RemoteLog
{
    [LoggerMessage(101, LogLevel.Information, "Remoting listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(102, LogLevel.Error, "Frame too large: a {Size}-byte message {MessageType} from {Sender} to {Recipient} exceeds maximum-frame-size ({Max} bytes); it was not sent")]
    public static partial void OutboundFrameTooLarge(ILogger logger, int size, string messageType, string sender, string recipient, int max);

    [LoggerMessage(103, LogLevel.Error, "Frame too large: a {Size}-byte frame from {Sender} to {Recipient} (peer {Peer}) exceeds maximum-frame-size ({Max} bytes); it was skipped unread and the connection stays up")]
    public static partial void InboundFrameTooLarge(ILogger logger, long size, string sender, string recipient, string peer, int max);

    [LoggerMessage(104, LogLevel.Error, "Dropped a message with unknown manifest '{Manifest}' from {Sender} to {Recipient}: no type is registered for it, so it is not deserialized")]
    public static partial void UnknownManifest(ILogger logger, string manifest, string sender, string recipient);

    [LoggerMessage(105, LogLevel.Error, "Dropped a message with manifest '{Manifest}' from {Sender} to {Recipient}: its payload could not be deserialized")]
    public static partial void DeserializationFailed(ILogger logger, Exception cause, string manifest, string sender, string recipient);

    [LoggerMessage(106, LogLevel.Error, "Could not serialize {MessageType} from {Sender} to {Recipient}; it was not sent")]
    public static partial void SerializationFailed(ILogger logger, Exception cause, string messageType, string sender, string recipient);

    [LoggerMessage(107, LogLevel.Error, "Refused an association from {Endpoint} claiming to be {Peer}: {Reason}")]
    public static partial void InboundRefused(ILogger logger, string endpoint, string peer, string reason);

    [LoggerMessage(108, LogLevel.Error, "Could not associate with {Peer}: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(109, LogLevel.Warning, "Association with {Peer} lost for good ({Reason}); its actors are presumed dead and their watchers told")]
    public static partial void AssociationLost(ILogger logger, string peer, string reason);

    [LoggerMessage(110, LogLevel.Information, "Associated with {Peer} (uid {Uid}, {Direction})")]
    public static partial void Associated(ILogger logger, string peer, long uid, string direction);

    [LoggerMessage(111, LogLevel.Debug, "Connection with {Peer} closed ({Reason}); reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string peer, string reason);

    [LoggerMessage(112, LogLevel.Warning, "Outbound queue to {Peer} is full ({Limit} messages): {MessageType} from {Sender} goes to dead letters")]
    public static partial void OutboundQueueFull(ILogger logger, string peer, int limit, string messageType, string sender);

    [LoggerMessage(113, LogLevel.Error, "Protocol error on the connection with {Peer}: {Reason}; the connection is reset")]
    public static partial void ProtocolError(ILogger logger, string peer, string reason);

    [LoggerMessage(114, LogLevel.Debug, "Connecting to {Peer} failed: {Reason}")]
    public static partial void DialFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(115, LogLevel.Warning, "{Peer} restarted (uid {OldUid} -> {NewUid}); actors of the old incarnation are presumed dead")]
    public static partial void PeerRestarted(ILogger logger, string peer, long oldUid, long newUid);

    [LoggerMessage(116, LogLevel.Information, "Remoting on {Address} shut down")]
    public static partial void ShutDown(ILogger logger, string address);

    [LoggerMessage(117, LogLevel.Warning, "Dropped a system message {Kind} from {Peer}: {Reason}")]
    public static partial void SystemMessageDropped(ILogger logger, string kind, string peer, string reason);
}
