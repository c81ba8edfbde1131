using System.Buffers.Binary;
using System.Text;
using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>The 8-byte-header stream format, checked on hand-made streams.</summary>
public sealed class DemultiplexerTests
{
    [Fact]
    public async Task Frames_come_back_with_their_stream_type_and_payload()
    {
        using var stream = new MemoryStream(Frames((1, "out\n"), (2, "err\n"), (1, string.Empty), (1, "more\n")));

        var frames = await DockerStreamDemultiplexer.ReadFramesAsync(stream).ToListAsync();

        Assert.Equal(
            [(LogStreamType.Stdout, "out\n"), (LogStreamType.Stderr, "err\n"), (LogStreamType.Stdout, string.Empty), (LogStreamType.Stdout, "more\n")],
            frames.Select(frame => (frame.Stream, frame.Text)).ToArray());
    }

    [Fact]
    public async Task A_frame_arriving_one_byte_at_a_time_is_reassembled()
    {
        using var stream = new TrickleStream(Frames((1, "hello world\n"), (2, "oops\n")));

        var output = await DockerStreamDemultiplexer.CollectAsync(stream, tty: false);

        Assert.Equal(new ContainerOutput("hello world\n", "oops\n"), output);
    }

    [Fact]
    public async Task A_character_split_across_frames_is_decoded_whole()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        using var stream = new MemoryStream([.. Frame(1, euro[..1]), .. Frame(1, euro[1..])]);

        var output = await DockerStreamDemultiplexer.CollectAsync(stream, tty: false);

        Assert.Equal("€", output.Stdout);
    }

    [Fact]
    public async Task A_stream_ending_inside_a_frame_is_an_error()
    {
        var truncated = Frames((1, "complete\n"), (2, "cut off"))[..^3];
        using var stream = new MemoryStream(truncated);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DockerStreamDemultiplexer.ReadFramesAsync(stream).ToListAsync().AsTask());

        Assert.Contains("ended inside a frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tty_output_read_as_multiplexed_is_rejected_with_a_hint()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("plain tty output\r\n"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DockerStreamDemultiplexer.ReadFramesAsync(stream).ToListAsync().AsTask());

        Assert.Contains("TTY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_tty_output_is_returned_as_is()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("plain tty output\r\n"));

        var output = await DockerStreamDemultiplexer.CollectAsync(stream, tty: true);

        Assert.Equal(new ContainerOutput("plain tty output\r\n", string.Empty), output);
    }

    [Fact]
    public async Task A_daemon_error_frame_becomes_an_exception_carrying_its_text()
    {
        using var stream = new MemoryStream(Frames((1, "partial\n"), (3, "log driver failed\n")));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DockerStreamDemultiplexer.CollectAsync(stream, tty: false));

        Assert.Contains("log driver failed", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Frames(params (byte Type, string Text)[] frames) =>
        frames.SelectMany(frame => Frame(frame.Type, Encoding.UTF8.GetBytes(frame.Text))).ToArray();

    private static byte[] Frame(byte type, byte[] payload)
    {
        var frame = new byte[DockerStreamDemultiplexer.HeaderLength + payload.Length];
        frame[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, DockerStreamDemultiplexer.HeaderLength);
        return frame;
    }

    /// <summary>Hands out one byte per read, as a slow socket might.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
