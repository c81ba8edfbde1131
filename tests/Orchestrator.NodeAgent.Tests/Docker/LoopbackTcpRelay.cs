using System.Net;
using System.Net.Sockets;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>
/// Relays a loopback TCP port to the daemon's unix socket, so the client's TCP transport is tested against
/// the real engine without reconfiguring dockerd to listen on TCP.
/// </summary>
public sealed class LoopbackTcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackTcpRelay(string socketPath)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(socketPath, _stop.Token);
    }

    public int Port { get; }

    private async Task AcceptAsync(string socketPath, CancellationToken cancellationToken)
    {
        var relays = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                relays.Add(RelayAsync(client, socketPath, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped by DisposeAsync.
        }

        await Task.WhenAll(relays);
    }

    private static async Task RelayAsync(TcpClient client, string socketPath, CancellationToken cancellationToken)
    {
        try
        {
            using (client)
            using (var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                await using var daemon = new NetworkStream(unix, ownsSocket: false);
                var caller = client.GetStream();
                // Whichever side closes first ends the relay; disposing both then unblocks the other copy.
                await Task.WhenAny(caller.CopyToAsync(daemon, cancellationToken), daemon.CopyToAsync(caller, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A dropped connection is the caller's business; the relay just stops.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
