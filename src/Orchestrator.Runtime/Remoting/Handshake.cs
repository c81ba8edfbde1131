using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// The association handshake. Each side proves it holds the cluster secret with an HMAC-SHA256 over
/// both fresh random nonces and both addresses, under a label per direction (so one side's proof can
/// never be replayed as the other's):
/// <code>
/// dialer   -> Hello(address, uid, nonceD)
/// acceptor -> Challenge(address, uid, nonceA, HMAC(secret, "orch-acceptor" | nonceD | nonceA | dialer | acceptor))
/// dialer   -> Proof(HMAC(secret, "orch-dialer" | nonceA | nonceD | dialer | acceptor))
/// acceptor -> Accepted | Rejected(reason)
/// </code>
/// No other frame is read before Accepted, so a process without the secret can neither associate nor
/// deliver anything. With an empty secret on both sides the same exchange runs with an empty key.
/// </summary>
internal static class Handshake
{
    /// <summary>What the dialer learned: the peer's system incarnation.</summary>
    public static async Task<long> DialAsync(Connection conn, RemoteTransport transport, Address expected, CancellationToken ct)
    {
        var nonceD = RandomNumberGenerator.GetBytes(WireFormat.NonceSize);
        await WireFormat.WriteFrameAsync(conn.Output, Hello(transport.LocalAddress, transport.Uid, nonceD), ct).ConfigureAwait(false);

        var challenge = await WireFormat.ReadFrameAsync(conn.Input, WireFormat.MaxHandshakeFrame, ct).ConfigureAwait(false)
                        ?? throw new HandshakeException("the peer closed the connection during the handshake");
        if ((FrameKind)challenge[0] == FrameKind.Rejected) throw new HandshakeException(ReadReason(challenge), rejectedBy: true);
        if ((FrameKind)challenge[0] != FrameKind.Challenge) throw new HandshakeException($"unexpected frame {challenge[0]} instead of a challenge");
        ReadOnlySpan<byte> rest = challenge.AsSpan(1);
        if (!WireFormat.TryReadString(ref rest, out var addressBytes) || rest.Length != 8 + WireFormat.NonceSize + WireFormat.MacSize
            || !Address.TryParse(WireFormat.Utf8(addressBytes), out var peerAddress))
            throw new HandshakeException("malformed challenge");
        var peerUid = BinaryPrimitives.ReadInt64LittleEndian(rest);
        var nonceA = rest.Slice(8, WireFormat.NonceSize).ToArray();
        var macA = rest.Slice(8 + WireFormat.NonceSize, WireFormat.MacSize);
        if (!peerAddress!.Equals(expected))
            throw new HandshakeException($"the process at {conn.Endpoint} is {peerAddress}, not {expected}");
        var secret = transport.SecretKey;
        if (!CryptographicOperations.FixedTimeEquals(macA, Mac(secret, "orch-acceptor", nonceD, nonceA, transport.LocalAddress, peerAddress)))
            throw new HandshakeException("the peer did not prove it holds the cluster secret");
        if (transport.IsQuarantined(peerAddress, peerUid))
            throw new HandshakeException($"incarnation {peerUid} was declared dead before");

        var proof = new byte[1 + WireFormat.MacSize];
        proof[0] = (byte)FrameKind.Proof;
        Mac(secret, "orch-dialer", nonceA, nonceD, transport.LocalAddress, peerAddress).CopyTo(proof, 1);
        await WireFormat.WriteFrameAsync(conn.Output, proof, ct).ConfigureAwait(false);

        var answer = await WireFormat.ReadFrameAsync(conn.Input, WireFormat.MaxHandshakeFrame, ct).ConfigureAwait(false)
                     ?? throw new HandshakeException("the peer closed the connection before accepting");
        return (FrameKind)answer[0] switch
        {
            FrameKind.Accepted => peerUid,
            FrameKind.Rejected => throw new HandshakeException(ReadReason(answer), rejectedBy: true),
            _ => throw new HandshakeException($"unexpected frame {answer[0]} instead of accepted/rejected"),
        };
    }

    /// <summary>What the acceptor learned once the dialer proved itself: its address and incarnation.</summary>
    public static async Task<(Address Peer, long Uid)> AcceptAsync(Connection conn, RemoteTransport transport, CancellationToken ct)
    {
        var hello = await WireFormat.ReadFrameAsync(conn.Input, WireFormat.MaxHandshakeFrame, ct).ConfigureAwait(false)
                    ?? throw new HandshakeException("the peer closed the connection before saying hello");
        ReadOnlySpan<byte> rest = hello.AsSpan();
        if (rest.Length < 6 || (FrameKind)rest[0] != FrameKind.Hello || !rest.Slice(1, 4).SequenceEqual(WireFormat.Magic))
            throw new HandshakeException("not an orchestrator remoting hello");
        if (rest[5] != WireFormat.Version) throw new HandshakeException($"unsupported protocol version {rest[5]}");
        rest = rest[6..];
        if (!WireFormat.TryReadString(ref rest, out var addressBytes) || rest.Length != 8 + WireFormat.NonceSize
            || !Address.TryParse(WireFormat.Utf8(addressBytes), out var peerAddress) || peerAddress!.IsLocal)
            throw new HandshakeException("malformed hello");
        var peerUid = BinaryPrimitives.ReadInt64LittleEndian(rest);
        var nonceD = rest.Slice(8, WireFormat.NonceSize).ToArray();
        if (peerAddress.Equals(transport.LocalAddress)) throw new HandshakeException("the peer claims this system's own address");

        var secret = transport.SecretKey;
        var nonceA = RandomNumberGenerator.GetBytes(WireFormat.NonceSize);
        var local = Encoding.UTF8.GetBytes(transport.LocalAddress.ToString());
        var challenge = new byte[1 + 2 + local.Length + 8 + WireFormat.NonceSize + WireFormat.MacSize];
        challenge[0] = (byte)FrameKind.Challenge;
        var at = 1 + WireFormat.WriteString(challenge.AsSpan(1), local);
        BinaryPrimitives.WriteInt64LittleEndian(challenge.AsSpan(at), transport.Uid);
        nonceA.CopyTo(challenge, at + 8);
        Mac(secret, "orch-acceptor", nonceD, nonceA, peerAddress, transport.LocalAddress).CopyTo(challenge, at + 8 + WireFormat.NonceSize);
        await WireFormat.WriteFrameAsync(conn.Output, challenge, ct).ConfigureAwait(false);

        var proof = await WireFormat.ReadFrameAsync(conn.Input, WireFormat.MaxHandshakeFrame, ct).ConfigureAwait(false)
                    ?? throw new HandshakeException($"{peerAddress} closed the connection instead of proving it holds the cluster secret", peerAddress);
        if (proof.Length != 1 + WireFormat.MacSize || (FrameKind)proof[0] != FrameKind.Proof
            || !CryptographicOperations.FixedTimeEquals(proof.AsSpan(1), Mac(secret, "orch-dialer", nonceA, nonceD, peerAddress, transport.LocalAddress)))
        {
            await RejectAsync(conn, "authentication failed", ct).ConfigureAwait(false);
            throw new HandshakeException("it did not prove it holds the cluster secret", peerAddress);
        }
        if (transport.IsQuarantined(peerAddress, peerUid))
        {
            await RejectAsync(conn, "quarantined: this incarnation was declared dead", ct).ConfigureAwait(false);
            throw new HandshakeException($"incarnation {peerUid} was declared dead before", peerAddress);
        }
        return (peerAddress, peerUid);
    }

    public static ValueTask AcceptedAsync(Connection conn, CancellationToken ct) =>
        FlushIgnoringResult(WireFormat.WriteFrameAsync(conn.Output, [(byte)FrameKind.Accepted], ct));

    public static ValueTask RejectAsync(Connection conn, string reason, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(reason);
        var body = new byte[1 + 2 + bytes.Length];
        body[0] = (byte)FrameKind.Rejected;
        WireFormat.WriteString(body.AsSpan(1), bytes);
        return FlushIgnoringResult(WireFormat.WriteFrameAsync(conn.Output, body, ct));
    }

    private static async ValueTask FlushIgnoringResult(ValueTask<System.IO.Pipelines.FlushResult> flush) => await flush.ConfigureAwait(false);

    private static byte[] Hello(Address local, long uid, byte[] nonce)
    {
        var address = Encoding.UTF8.GetBytes(local.ToString());
        var body = new byte[1 + 4 + 1 + 2 + address.Length + 8 + WireFormat.NonceSize];
        body[0] = (byte)FrameKind.Hello;
        WireFormat.Magic.CopyTo(body, 1);
        body[5] = WireFormat.Version;
        var at = 6 + WireFormat.WriteString(body.AsSpan(6), address);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(at), uid);
        nonce.CopyTo(body, at + 8);
        return body;
    }

    private static string ReadReason(byte[] frame)
    {
        ReadOnlySpan<byte> rest = frame.AsSpan(1);
        return WireFormat.TryReadString(ref rest, out var reason) ? "rejected: " + WireFormat.Utf8(reason) : "rejected";
    }

    /// <summary>HMAC-SHA256 over a direction label, two nonces and the dialer's then the acceptor's address.</summary>
    private static byte[] Mac(byte[] key, string label, byte[] first, byte[] second, Address dialer, Address acceptor)
    {
        var data = new List<byte>(256);
        foreach (var part in new[] { Encoding.UTF8.GetBytes(label), first, second, Encoding.UTF8.GetBytes(dialer.ToString()), Encoding.UTF8.GetBytes(acceptor.ToString()) })
        {
            data.AddRange(BitConverter.GetBytes(part.Length));
            data.AddRange(part);
        }
        return HMACSHA256.HashData(key, data.ToArray());
    }
}

/// <summary>The handshake failed; <see cref="RejectedByPeer"/> when the other side said no.</summary>
internal sealed class HandshakeException(string message, Address? peer = null, bool rejectedBy = false) : Exception(message)
{
    public bool RejectedByPeer { get; } = rejectedBy;

    /// <summary>The address the peer claimed, when known.</summary>
    public Address? Peer { get; } = peer;
}
