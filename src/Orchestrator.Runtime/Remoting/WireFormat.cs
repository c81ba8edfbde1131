using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// The first byte of every frame body. Every frame on the wire is a 4-byte little-endian body length
/// followed by the body; integers are little-endian, strings are a 2-byte length and UTF-8 bytes.
/// </summary>
/// <remarks>
/// Bodies:
/// <list type="bullet">
/// <item>Hello: kind, "ORCH", version (1), dialer address, dialer system uid (8), dialer nonce (32).</item>
/// <item>Challenge: kind, acceptor address, acceptor uid (8), acceptor nonce (32), acceptor MAC (32).</item>
/// <item>Proof: kind, dialer MAC (32). Accepted: kind. Rejected: kind, reason.</item>
/// <item>User / Selection: kind, recipient path (selection: path below the root, wildcards allowed), sender path (empty = none), manifest, payload (UTF-8 JSON, the rest of the body).</item>
/// <item>System: kind, sequence number (8), system kind, flags, recipient path, sender path.</item>
/// <item>Heartbeat / Ack: kind, highest system sequence number received in order (8). Goodbye: kind.</item>
/// </list>
/// </remarks>
internal enum FrameKind : byte
{
    Hello = 1,
    Challenge = 2,
    Proof = 3,
    Accepted = 4,
    Rejected = 5,
    User = 10,
    Selection = 11,
    System = 12,
    Heartbeat = 13,
    Ack = 14,
    Goodbye = 15,
}

/// <summary>The system message a System frame carries.</summary>
internal enum SystemKind : byte
{
    /// <summary>Recipient = watchee, sender = watcher.</summary>
    Watch = 1,
    /// <summary>Recipient = watchee, sender = watcher.</summary>
    Unwatch = 2,
    /// <summary>Recipient = watcher, sender = the actor that stopped; flag bit 0 = existence confirmed.</summary>
    DeathWatchNotification = 3,
    /// <summary>Recipient = the actor to stop.</summary>
    Terminate = 4,
}

/// <summary>Encoding helpers shared by the handshake, the encoder and the decoder.</summary>
internal static class WireFormat
{
    public const int LengthPrefix = 4;
    public static readonly byte[] Magic = "ORCH"u8.ToArray();
    public const byte Version = 1;
    public const int NonceSize = 32;
    public const int MacSize = 32;

    /// <summary>Handshake frames are small; a larger one is a protocol violation.</summary>
    public const int MaxHandshakeFrame = 4096;

    /// <summary>Writes a 2-byte length and the bytes.</summary>
    public static int WriteString(Span<byte> target, ReadOnlySpan<byte> utf8)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)utf8.Length);
        utf8.CopyTo(target[2..]);
        return 2 + utf8.Length;
    }

    /// <summary>Reads a 2-byte length and that many bytes; false when the span is too short.</summary>
    public static bool TryReadString(ref ReadOnlySpan<byte> source, out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        if (source.Length < 2) return false;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (source.Length < 2 + length) return false;
        utf8 = source.Slice(2, length);
        source = source[(2 + length)..];
        return true;
    }

    /// <summary>Writes one whole frame (prefix and body) and flushes.</summary>
    public static ValueTask<FlushResult> WriteFrameAsync(PipeWriter output, ReadOnlySpan<byte> body, CancellationToken ct)
    {
        var span = output.GetSpan(LengthPrefix + body.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, body.Length);
        body.CopyTo(span[LengthPrefix..]);
        output.Advance(LengthPrefix + body.Length);
        return output.FlushAsync(ct);
    }

    /// <summary>Reads one whole frame of at most <paramref name="maxBody"/> bytes (handshake only); null at end of stream.</summary>
    public static async ValueTask<byte[]?> ReadFrameAsync(PipeReader input, int maxBody, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= LengthPrefix)
            {
                var length = ReadLength(buffer);
                if (length <= 0 || length > maxBody)
                {
                    input.AdvanceTo(buffer.Start);
                    throw new ProtocolViolationException($"handshake frame of {length} bytes (at most {maxBody} allowed)");
                }
                if (buffer.Length >= LengthPrefix + length)
                {
                    var body = buffer.Slice(LengthPrefix, length).ToArray();
                    input.AdvanceTo(buffer.GetPosition(LengthPrefix + length));
                    return body;
                }
            }
            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The body length in the first four bytes of <paramref name="buffer"/>.</summary>
    public static int ReadLength(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[LengthPrefix];
        buffer.Slice(0, LengthPrefix).CopyTo(prefix);
        return BinaryPrimitives.ReadInt32LittleEndian(prefix);
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}

/// <summary>The peer broke the wire protocol; the connection is reset.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message);
