using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Turns outbound envelopes into frames, straight into the connection's pipe. Owned by one writer
/// loop, so its caches (sender paths, manifests) and its reusable JSON buffer need no locks.
/// </summary>
internal sealed class FrameEncoder
{
    private const int CacheLimit = 10_000;
    private readonly RemoteTransport _transport;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<IActorRef, byte[]> _senderPaths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, byte[]> _manifests = new();

    public FrameEncoder(RemoteTransport transport)
    {
        _transport = transport;
        _json = new Utf8JsonWriter(_payload, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Writes a User or Selection frame; a message that cannot be sent is logged and dead-lettered instead.</summary>
    public void WriteUser(PipeWriter output, in OutboundEnvelope e)
    {
        var message = e.Message!;
        var type = message.GetType();
        byte[] manifest, recipient, sender;
        try
        {
            manifest = Manifest(type);
            recipient = e.Kind == FrameKind.Selection ? Encoding.UTF8.GetBytes(e.Selection!) : e.Recipient!.PathBytes;
            sender = e.Sender is null ? [] : SenderPath(e.Sender);
            _payload.ResetWrittenCount();
            _json.Reset(_payload);
            JsonSerializer.Serialize(_json, message, type, _transport.System.Serialization.Options);
            if (recipient.Length > ushort.MaxValue || sender.Length > ushort.MaxValue)
                throw new InvalidOperationException("an actor path is longer than 65535 bytes");
        }
        catch (Exception ex)
        {
            RemoteLog.SerializationFailed(_transport.Log, ex, type.Name, Describe(e.Sender), DescribeRecipient(e));
            _transport.DeadLetter(e, "could not be serialized");
            return;
        }

        var body = 1 + 2 + recipient.Length + 2 + sender.Length + 2 + manifest.Length + _payload.WrittenCount;
        var max = _transport.Settings.MaximumFrameSize;
        if (body > max)
        {
            // Checked before sending, so the connection and everything queued behind it are unaffected.
            RemoteLog.OutboundFrameTooLarge(_transport.Log, body, type.Name, Describe(e.Sender), DescribeRecipient(e), max);
            _transport.DeadLetter(e, $"frame of {body} bytes exceeds maximum-frame-size ({max})");
            return;
        }
        var span = output.GetSpan(WireFormat.LengthPrefix + body);
        BinaryPrimitives.WriteInt32LittleEndian(span, body);
        span[4] = (byte)e.Kind;
        var at = 5;
        at += WireFormat.WriteString(span[at..], recipient);
        at += WireFormat.WriteString(span[at..], sender);
        at += WireFormat.WriteString(span[at..], manifest);
        _payload.WrittenSpan.CopyTo(span[at..]);
        output.Advance(WireFormat.LengthPrefix + body);
    }

    /// <summary>Writes a System frame for a Watch, Unwatch, death notification or Terminate.</summary>
    public void WriteSystem(PipeWriter output, in OutboundEnvelope e)
    {
        var (kind, flags, other) = e.Message switch
        {
            Watch w => (SystemKind.Watch, (byte)0, (IActorRef?)w.Watcher),
            Unwatch u => (SystemKind.Unwatch, (byte)0, u.Watcher),
            DeathWatchNotification n => (SystemKind.DeathWatchNotification, (byte)(n.ExistenceConfirmed ? 1 : 0), n.Actor),
            Terminate => (SystemKind.Terminate, (byte)0, null),
            _ => throw new InvalidOperationException($"System message {e.Message} cannot be sent to another process."),
        };
        var recipient = e.Recipient!.PathBytes;
        var sender = other is null ? [] : SenderPath(other);
        var body = 1 + 8 + 1 + 1 + 2 + recipient.Length + 2 + sender.Length;
        var span = output.GetSpan(WireFormat.LengthPrefix + body);
        BinaryPrimitives.WriteInt32LittleEndian(span, body);
        span[4] = (byte)FrameKind.System;
        BinaryPrimitives.WriteInt64LittleEndian(span[5..], e.Seq);
        span[13] = (byte)kind;
        span[14] = flags;
        var at = 15;
        at += WireFormat.WriteString(span[at..], recipient);
        WireFormat.WriteString(span[at..], sender);
        output.Advance(WireFormat.LengthPrefix + body);
    }

    /// <summary>Writes a Heartbeat or Ack carrying the highest system sequence number received in order.</summary>
    public static void WriteControl(PipeWriter output, FrameKind kind, long ack)
    {
        var span = output.GetSpan(WireFormat.LengthPrefix + 9);
        BinaryPrimitives.WriteInt32LittleEndian(span, 9);
        span[4] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[5..], ack);
        output.Advance(WireFormat.LengthPrefix + 9);
    }

    public static void WriteGoodbye(PipeWriter output)
    {
        var span = output.GetSpan(WireFormat.LengthPrefix + 1);
        BinaryPrimitives.WriteInt32LittleEndian(span, 1);
        span[4] = (byte)FrameKind.Goodbye;
        output.Advance(WireFormat.LengthPrefix + 1);
    }

    private byte[] Manifest(Type type)
    {
        if (_manifests.TryGetValue(type, out var bytes)) return bytes;
        bytes = Encoding.UTF8.GetBytes(_transport.System.Serialization.ManifestOf(type));
        _manifests[type] = bytes;
        return bytes;
    }

    private byte[] SenderPath(IActorRef sender)
    {
        // An Ask's promise is registered under /temp as its path leaves the process; one-off, so not cached.
        if (sender is PromiseActorRef) return Encoding.UTF8.GetBytes(ActorRefJsonConverter.WirePath(_transport.System, sender));
        if (_senderPaths.TryGetValue(sender, out var bytes)) return bytes;
        if (_senderPaths.Count >= CacheLimit) _senderPaths.Clear();
        bytes = sender is RemoteActorRef remote ? remote.PathBytes : Encoding.UTF8.GetBytes(sender.Path.ToSerializationFormat());
        _senderPaths[sender] = bytes;
        return bytes;
    }

    private static string Describe(IActorRef? actor) => actor?.Path.ToSerializationFormat() ?? "no sender";

    private static string DescribeRecipient(in OutboundEnvelope e) =>
        e.Kind == FrameKind.Selection ? $"{e.Recipient!.Path.Address}{e.Selection}" : e.Recipient!.Path.ToSerializationFormat();
}
