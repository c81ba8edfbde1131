using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// One TCP connection with its pipes. The handshake, then one reader loop and one writer loop use it;
/// <see cref="Close"/> (from any thread, any number of times) cancels both and drops the socket.
/// </summary>
internal sealed class Connection
{
    private const int BufferSize = 64 * 1024;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _cts = new();
    private int _closed;

    public Connection(Socket socket, bool outbound)
    {
        _socket = socket;
        Outbound = outbound;
        socket.NoDelay = true;
        Endpoint = socket.RemoteEndPoint?.ToString() ?? "?";
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: BufferSize / 4, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
    }

    /// <summary>True when this side dialed.</summary>
    public bool Outbound { get; }

    /// <summary>The other end's IP endpoint, for logs.</summary>
    public string Endpoint { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Cancelled when the connection is closed.</summary>
    public CancellationToken Token => _cts.Token;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Connects to <paramref name="address"/>'s host and port within <paramref name="ct"/>.</summary>
    public static async Task<Connection> ConnectAsync(Address address, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (IPAddress.TryParse(address.Host, out var ip)) await socket.ConnectAsync(new IPEndPoint(ip, address.Port!.Value), ct).ConfigureAwait(false);
            else await socket.ConnectAsync(address.Host!, address.Port!.Value, ct).ConfigureAwait(false);
            return new Connection(socket, outbound: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try
        {
            _cts.Cancel();
        }
        catch (AggregateException)
        {
            // A continuation failing on cancellation must not stop the close.
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }
        _stream.Dispose();
    }
}
