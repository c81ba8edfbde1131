using System.Buffers;
using System.Buffers.Binary;
using Orchestrator.Runtime.Dispatch;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Parses frames from a connection's input and delivers them. Owned by one reader loop, so delivery
/// order is the order on the wire (which is each sender's order) and its caches need no locks.
/// Caches map the raw UTF-8 of paths and manifests to refs and strings, so a steady stream of messages
/// between the same actors costs no string allocation per frame.
/// </summary>
internal sealed class FrameDecoder
{
    private const int CacheLimit = 10_000;
    // kind + the two 2-byte-prefixed paths: enough to name sender and recipient of a frame too large to read.
    private const int MaxEnvelopeHeader = 1 + 2 + ushort.MaxValue + 2 + ushort.MaxValue;

    private readonly RemoteTransport _transport;
    private readonly Association _association;
    private readonly Dictionary<byte[], IInternalActorRef> _recipients = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], IActorRef> _senders = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], string> _manifests = new(ByteKeyComparer.Instance);
    private long _skip;

    public FrameDecoder(RemoteTransport transport, Association association)
    {
        _transport = transport;
        _association = association;
    }

    /// <summary>Set when a system message was received: the reader answers with an Ack.</summary>
    public bool AckDue { get; set; }

    /// <summary>Set when the peer said goodbye: nothing after it is read.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Consumes every whole frame in <paramref name="buffer"/>; what is left is an incomplete frame.</summary>
    public void Process(ref ReadOnlySequence<byte> buffer)
    {
        var max = _transport.Settings.MaximumFrameSize;
        while (!Stopped)
        {
            if (_skip > 0)
            {
                var n = Math.Min(_skip, buffer.Length);
                buffer = buffer.Slice(n);
                _skip -= n;
                if (_skip > 0) return;
            }
            if (buffer.Length < WireFormat.LengthPrefix) return;
            var length = WireFormat.ReadLength(buffer);
            if (length <= 0) throw new ProtocolViolationException($"frame length {length}");
            if (length > max)
            {
                // Read only the envelope's head to name sender and recipient, then skip the rest unread:
                // the connection survives and the frames behind it are delivered.
                if (!TryReportOversize(buffer, length, max)) return;
                _skip = WireFormat.LengthPrefix + (long)length;
                continue;
            }
            if (buffer.Length < WireFormat.LengthPrefix + length) return;
            var frame = buffer.Slice(WireFormat.LengthPrefix, length);
            if (frame.IsSingleSegment) Dispatch(frame.FirstSpan);
            else
            {
                var rented = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    frame.CopyTo(rented);
                    Dispatch(rented.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
            buffer = buffer.Slice(WireFormat.LengthPrefix + length);
        }
    }

    private bool TryReportOversize(in ReadOnlySequence<byte> buffer, int length, int max)
    {
        var available = (int)Math.Min(buffer.Length - WireFormat.LengthPrefix, Math.Min(length, MaxEnvelopeHeader));
        var head = buffer.Slice(WireFormat.LengthPrefix, available).ToArray();
        ReadOnlySpan<byte> rest = head;
        if ((FrameKind)rest[0] is not (FrameKind.User or FrameKind.Selection))
            throw new ProtocolViolationException($"a {(FrameKind)rest[0]} frame of {length} bytes");
        rest = rest[1..];
        if (!WireFormat.TryReadString(ref rest, out var recipient) || !WireFormat.TryReadString(ref rest, out var sender))
        {
            if (available >= Math.Min(length, MaxEnvelopeHeader)) throw new ProtocolViolationException("malformed envelope");
            return false; // wait for the rest of the head
        }
        RemoteLog.InboundFrameTooLarge(_transport.Log, length, sender.IsEmpty ? "no sender" : WireFormat.Utf8(sender),
            WireFormat.Utf8(recipient), _association.Remote.ToString(), max);
        return true;
    }

    private void Dispatch(ReadOnlySpan<byte> body)
    {
        switch ((FrameKind)body[0])
        {
            case FrameKind.User:
            case FrameKind.Selection:
                DeliverUser((FrameKind)body[0], body[1..]);
                break;
            case FrameKind.System:
                DeliverSystem(body[1..]);
                break;
            case FrameKind.Heartbeat:
            case FrameKind.Ack:
                if (body.Length != 9) throw new ProtocolViolationException("malformed heartbeat");
                _association.OnAck(BinaryPrimitives.ReadInt64LittleEndian(body[1..]));
                break;
            case FrameKind.Goodbye:
                Stopped = true;
                _association.Lost("the peer shut down");
                break;
            default:
                throw new ProtocolViolationException($"unknown frame kind {body[0]}");
        }
    }

    private void DeliverUser(FrameKind kind, ReadOnlySpan<byte> rest)
    {
        if (!WireFormat.TryReadString(ref rest, out var recipientBytes) || !WireFormat.TryReadString(ref rest, out var senderBytes)
            || !WireFormat.TryReadString(ref rest, out var manifestBytes))
            throw new ProtocolViolationException("truncated envelope");
        if (_transport.IsBlackholed(_association.Remote)) return;
        var sender = senderBytes.IsEmpty ? null : ResolveSender(senderBytes);
        var manifest = Manifest(manifestBytes);
        object message;
        try
        {
            // Only a registered manifest names a type: anything else is dropped, never instantiated.
            message = _transport.System.Serialization.Deserialize(manifest, rest);
        }
        catch (UnknownManifestException)
        {
            RemoteLog.UnknownManifest(_transport.Log, manifest, sender?.Path.ToSerializationFormat() ?? "no sender", WireFormat.Utf8(recipientBytes));
            return;
        }
        catch (Exception e)
        {
            RemoteLog.DeserializationFailed(_transport.Log, e, manifest, sender?.Path.ToSerializationFormat() ?? "no sender", WireFormat.Utf8(recipientBytes));
            return;
        }
        if (kind == FrameKind.Selection)
        {
            var path = WireFormat.Utf8(recipientBytes);
            try
            {
                _transport.System.ActorSelection(path).Tell(message, sender);
            }
            catch (ArgumentException e)
            {
                RemoteLog.DeserializationFailed(_transport.Log, e, manifest, sender?.Path.ToSerializationFormat() ?? "no sender", path);
            }
            return;
        }
        ResolveRecipient(recipientBytes).Tell(message, sender);
    }

    private void DeliverSystem(ReadOnlySpan<byte> body)
    {
        if (body.Length < 10) throw new ProtocolViolationException("truncated system message");
        var seq = BinaryPrimitives.ReadInt64LittleEndian(body);
        var kind = (SystemKind)body[8];
        var flags = body[9];
        var rest = body[10..];
        if (!WireFormat.TryReadString(ref rest, out var recipientBytes) || !WireFormat.TryReadString(ref rest, out var otherBytes))
            throw new ProtocolViolationException("truncated system message");
        AckDue = true;
        // A resent system message that was delivered before the connection broke is dropped here.
        if (!_association.AcceptSystemSequence(seq)) return;

        var recipient = _transport.ResolveInbound(WireFormat.Utf8(recipientBytes));
        var other = otherBytes.IsEmpty ? null : _transport.System.ResolveActorRef(WireFormat.Utf8(otherBytes)) as IInternalActorRef;
        switch (kind)
        {
            case SystemKind.Watch when other is not null:
                _transport.Watcher.AddInbound(recipient, other);
                recipient.SendSystemMessage(new Watch(recipient, other));
                break;
            case SystemKind.Unwatch when other is not null:
                _transport.Watcher.RemoveInbound(recipient, other);
                recipient.SendSystemMessage(new Unwatch(recipient, other));
                break;
            case SystemKind.DeathWatchNotification when other is not null:
                _transport.Watcher.OnRemoteDeath(recipient, other.Path, existenceConfirmed: (flags & 1) != 0);
                break;
            case SystemKind.Terminate when recipient is LocalActorRef { Path.Depth: >= 2 } local && local.Path.Elements[0] == "user":
                _transport.System.Stop(local);
                break;
            default:
                RemoteLog.SystemMessageDropped(_transport.Log, kind.ToString(), _association.Remote.ToString(), $"not applicable to {recipient.Path}");
                break;
        }
    }

    private IInternalActorRef ResolveRecipient(ReadOnlySpan<byte> bytes)
    {
        var lookup = _recipients.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(bytes, out var cached) && !cached.IsTerminated) return cached;
        var resolved = _transport.ResolveInbound(WireFormat.Utf8(bytes));
        // Only live actors are cached: a path naming nobody (yet) or a one-off temp ref is looked up each time.
        if (resolved is LocalActorRef)
        {
            if (_recipients.Count >= CacheLimit) _recipients.Clear();
            lookup[bytes] = resolved;
        }
        return resolved;
    }

    private IActorRef ResolveSender(ReadOnlySpan<byte> bytes)
    {
        var lookup = _senders.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(bytes, out var cached)) return cached;
        var text = WireFormat.Utf8(bytes);
        if (!ActorPath.TryParse(text, out var path)) throw new ProtocolViolationException($"malformed sender path '{text}'");
        var resolved = _transport.System.ResolveActorRef(path!);
        var isTemp = path!.Depth == 2 && path.Parent.Name == "temp";
        if (resolved is RemoteActorRef or LocalActorRef && !isTemp)
        {
            if (_senders.Count >= CacheLimit) _senders.Clear();
            lookup[bytes] = resolved;
        }
        return resolved;
    }

    private string Manifest(ReadOnlySpan<byte> bytes)
    {
        var lookup = _manifests.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(bytes, out var manifest)) return manifest;
        manifest = WireFormat.Utf8(bytes);
        if (_manifests.Count >= CacheLimit) _manifests.Clear();
        lookup[bytes] = manifest;
        return manifest;
    }

    /// <summary>Compares byte-array keys by content and looks them up by span without allocating.</summary>
    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
