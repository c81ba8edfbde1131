using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// Splits Docker's multiplexed output stream (logs, attach and exec of containers without a TTY) into
/// frames. Each frame is an 8-byte header — stream type, three zero bytes, big-endian payload length —
/// followed by the payload.
/// </summary>
public static class DockerStreamDemultiplexer
{
    /// <summary>Bytes in a frame header.</summary>
    public const int HeaderLength = 8;

    /// <summary>
    /// Larger frames are refused: the daemon writes frames of at most a few tens of KiB, so a huge
    /// length means the stream is not multiplexed (e.g. TTY output read as if it were) and allocating
    /// it would only exhaust memory.
    /// </summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    /// <summary>Reads frames until the stream ends.</summary>
    /// <exception cref="InvalidDataException">The stream ends inside a frame or is not multiplexed.</exception>
    public static async IAsyncEnumerable<LogFrame> ReadFramesAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderLength];
        while (true)
        {
            // A read served from already-buffered bytes need not observe the token, so check it here to
            // stop promptly between frames.
            cancellationToken.ThrowIfCancellationRequested();
            var headerRead = await ReadFullyAsync(stream, header, cancellationToken).ConfigureAwait(false);
            if (headerRead == 0)
            {
                yield break;
            }

            if (headerRead < HeaderLength)
            {
                throw new InvalidDataException(
                    $"Docker output stream ended inside a frame header ({headerRead} of {HeaderLength} bytes)");
            }

            var type = header[0];
            if (type > (byte)LogStreamType.SystemError || header[1] != 0 || header[2] != 0 || header[3] != 0)
            {
                throw new InvalidDataException(
                    $"Docker output stream is not multiplexed (header starts {Convert.ToHexString(header, 0, 4)}); " +
                    "output of a container with a TTY must be read as a raw stream");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (length > MaxFrameLength)
            {
                throw new InvalidDataException(
                    $"Docker output frame of {length} bytes exceeds {MaxFrameLength}; the stream is probably not multiplexed");
            }

            var payload = new byte[length];
            var payloadRead = await ReadFullyAsync(stream, payload, cancellationToken).ConfigureAwait(false);
            if (payloadRead < length)
            {
                throw new InvalidDataException(
                    $"Docker output stream ended inside a frame ({payloadRead} of {length} payload bytes)");
            }

            yield return new LogFrame((LogStreamType)type, payload);
        }
    }

    /// <summary>Reads the unframed output of a TTY as <see cref="LogStreamType.Tty"/> frames, one per read.</summary>
    public static async IAsyncEnumerable<LogFrame> ReadRawAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            yield return new LogFrame(LogStreamType.Tty, buffer.AsSpan(0, read).ToArray());
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reads frames (raw when <paramref name="tty"/>) as they arrive.</summary>
    public static IAsyncEnumerable<LogFrame> ReadAsync(Stream stream, bool tty, CancellationToken cancellationToken = default) =>
        tty ? ReadRawAsync(stream, cancellationToken) : ReadFramesAsync(stream, cancellationToken);

    /// <summary>Collects a whole stream into stdout and stderr text.</summary>
    /// <exception cref="InvalidDataException">The daemon reported an error inside the stream.</exception>
    public static async Task<ContainerOutput> CollectAsync(Stream stream, bool tty, CancellationToken cancellationToken = default) =>
        await CollectAsync(ReadAsync(stream, tty, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Collects frames into stdout and stderr text.</summary>
    /// <exception cref="InvalidDataException">The daemon reported an error inside the stream.</exception>
    public static async Task<ContainerOutput> CollectAsync(IAsyncEnumerable<LogFrame> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        // Bytes are gathered per stream and decoded once: a frame boundary may split a UTF-8 character.
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (frame.Stream)
            {
                case LogStreamType.Stdout or LogStreamType.Tty:
                    stdout.Write(frame.Payload.Span);
                    break;
                case LogStreamType.Stderr:
                    stderr.Write(frame.Payload.Span);
                    break;
                case LogStreamType.SystemError:
                    throw new InvalidDataException($"Docker reported an error in the output stream: {frame.Text.Trim()}");
            }
        }

        return new ContainerOutput(Decode(stdout), Decode(stderr));
    }

    private static string Decode(MemoryStream buffer) =>
        Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
