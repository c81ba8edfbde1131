using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// An exec started attached on a hijacked connection: <c>POST /exec/{id}/start</c> with <c>Upgrade: tcp</c>, after
/// which the socket carries the process's stdin one way and its output (multiplexed frames, or raw for a TTY) the
/// other. Closing the input half-closes the socket, which the daemon turns into end-of-file on the process's stdin.
/// </summary>
public sealed class DockerExecConnection : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private DockerExecConnection(Socket socket, string execId, bool tty)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        ExecId = execId;
        Tty = tty;
    }

    /// <summary>The exec instance's id.</summary>
    public string ExecId { get; }

    /// <summary>Whether the process has a TTY (its output is then one raw stream).</summary>
    public bool Tty { get; }

    /// <summary>Starts exec <paramref name="execId"/> on a connection of its own and returns once the daemon switched it to a raw stream.</summary>
    /// <exception cref="DockerApiException">The daemon refused the start (no such exec, container not running).</exception>
    internal static async Task<DockerExecConnection> StartAsync(DockerTransport transport, string execId, bool tty, CancellationToken cancellationToken)
    {
        var operation = $"start exec {execId} attached";
        var version = await transport.GetApiVersionAsync(cancellationToken).ConfigureAwait(false);
        var socket = await transport.ConnectSocketAsync(cancellationToken).ConfigureAwait(false);
        var connection = new DockerExecConnection(socket, execId, tty);
        try
        {
            var body = DockerJson.Serialize(new ExecStartRequest { Detach = false, Tty = tty });
            var head = string.Create(CultureInfo.InvariantCulture,
                $"POST /v{version.ToString(2)}/exec/{DockerQuery.Segment(execId)}/start HTTP/1.1\r\nHost: docker\r\n" +
                $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            await connection._stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
            await connection._stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await connection.ReadUpgradeAsync(operation, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The process's output as it is written, until it closes it (ends) or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<LogFrame> ReadOutputAsync(CancellationToken cancellationToken) =>
        DockerStreamDemultiplexer.ReadAsync(_stream, Tty, cancellationToken);

    /// <summary>Writes <paramref name="data"/> to the process's stdin.</summary>
    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _stream.WriteAsync(data, cancellationToken);

    /// <summary>Ends the process's stdin (the output side stays open).</summary>
    public void CloseInput() => _socket.Shutdown(SocketShutdown.Send);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _stream.DisposeAsync().ConfigureAwait(false);

    // Reads the response head byte by byte: what follows it is already the process's output and must stay unread.
    private async Task ReadUpgradeAsync(string operation, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await _stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0 || head.Length > MaxHeaderBytes)
                throw new DockerStreamErrorException("the daemon closed the connection before answering", operation);
            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !int.TryParse(status[1], CultureInfo.InvariantCulture, out var code))
            throw new DockerStreamErrorException($"unreadable answer '{lines[0]}'", operation);
        // 101 after the upgrade; daemons that hijack without it answer 200 with a raw stream.
        if (code is 101 or 200) return;

        var length = lines
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.TryParse(p[1].Trim(), CultureInfo.InvariantCulture, out var n) ? n : 0)
            .FirstOrDefault();
        var message = await ReadMessageAsync(Math.Min(length, MaxHeaderBytes), cancellationToken).ConfigureAwait(false);
        throw DockerApiException.From((HttpStatusCode)code, message, operation);
    }

    private static bool EndsWithBlankLine(StringBuilder head) =>
        head.Length >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private async Task<string> ReadMessageAsync(int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _stream.ReadAsync(body.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }

        var text = Encoding.UTF8.GetString(body, 0, read);
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? text : text;
        }
        catch (JsonException)
        {
            return text.Trim();
        }
    }
}
