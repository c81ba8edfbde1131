namespace Orchestrator.NodeAgent.Docker;

/// <summary>Exec calls: run extra processes inside a running container.</summary>
public sealed class DockerExecApi
{
    private static readonly TimeSpan _exitCodeDeadline = TimeSpan.FromSeconds(30);

    private readonly DockerTransport _transport;

    internal DockerExecApi(DockerTransport transport) => _transport = transport;

    /// <summary><c>POST /containers/{id}/exec</c>: prepares a process; returns the exec id.</summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public async Task<string> CreateAsync(string containerId, ExecCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cmd.Count == 0)
        {
            throw new ArgumentException("an exec needs a command", nameof(request));
        }

        var response = await _transport.SendJsonAsync<ExecCreateResponse>(
            HttpMethod.Post, $"/containers/{DockerQuery.Segment(containerId)}/exec", null, request,
            $"create exec in container {containerId}", cancellationToken).ConfigureAwait(false);
        return response.Id;
    }

    /// <summary>
    /// <c>POST /exec/{id}/start</c>, attached: returns once the process closed its output, with stdout and
    /// stderr separated (or everything in stdout for a TTY exec).
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such exec instance.</exception>
    public async Task<ContainerOutput> StartAsync(string execId, CancellationToken cancellationToken = default)
    {
        var exec = await InspectAsync(execId, cancellationToken).ConfigureAwait(false);
        var tty = exec.ProcessConfig?.Tty == true;
        var operation = $"start exec {execId}";
        using var response = await _transport.OpenAsync(
            HttpMethod.Post, $"/exec/{DockerQuery.Segment(execId)}/start", null,
            DockerTransport.ToJsonContent(new ExecStartRequest { Detach = false, Tty = tty }), operation, cancellationToken)
            .ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await DockerStreamDemultiplexer.CollectAsync(stream, tty, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>POST /exec/{id}/start</c> detached: returns as soon as the process started.</summary>
    public Task StartDetachedAsync(string execId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, $"/exec/{DockerQuery.Segment(execId)}/start", null,
            new ExecStartRequest { Detach = true }, $"start exec {execId} detached", cancellationToken);

    /// <summary><c>GET /exec/{id}/json</c>: whether it runs and its exit code.</summary>
    /// <exception cref="DockerNotFoundException">No such exec instance.</exception>
    public Task<ExecInspectResponse> InspectAsync(string execId, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<ExecInspectResponse>(
            $"/exec/{DockerQuery.Segment(execId)}/json", null, $"inspect exec {execId}", cancellationToken);

    /// <summary>Creates, starts and awaits an exec: its output and exit code.</summary>
    public Task<ExecResult> RunAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        RunAsync(containerId, new ExecCreateRequest { Cmd = command }, cancellationToken);

    /// <summary>Creates, starts and awaits an exec: its output and exit code.</summary>
    /// <exception cref="TimeoutException">The output ended but the daemon never reported an exit code.</exception>
    public async Task<ExecResult> RunAsync(string containerId, ExecCreateRequest request, CancellationToken cancellationToken = default)
    {
        var execId = await CreateAsync(containerId, request, cancellationToken).ConfigureAwait(false);
        var output = await StartAsync(execId, cancellationToken).ConfigureAwait(false);
        var exitCode = await WaitExitCodeAsync(execId, cancellationToken).ConfigureAwait(false);
        return new ExecResult(exitCode, output.Stdout, output.Stderr);
    }

    /// <summary>
    /// <c>POST /exec/{id}/start</c> on a hijacked connection: the process's stdin and its output as they are written
    /// (<see cref="DockerExecConnection"/>). The caller owns the connection.
    /// </summary>
    /// <exception cref="DockerApiException">The daemon refused the start.</exception>
    public Task<DockerExecConnection> AttachAsync(string execId, bool tty, CancellationToken cancellationToken = default) =>
        DockerExecConnection.StartAsync(_transport, execId, tty, cancellationToken);

    /// <summary><c>POST /exec/{id}/resize</c>: the size of a TTY exec's terminal.</summary>
    /// <exception cref="DockerApiException">No such exec, or it has no TTY or no longer runs.</exception>
    public Task ResizeAsync(string execId, int rows, int columns, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, $"/exec/{DockerQuery.Segment(execId)}/resize",
            new DockerQuery().Add("h", rows).Add("w", columns), null, $"resize exec {execId}", cancellationToken);

    /// <summary>The exit code of an exec whose output has ended.</summary>
    /// <exception cref="TimeoutException">The daemon never reported an exit code.</exception>
    public async Task<int> WaitExitCodeAsync(string execId, CancellationToken cancellationToken = default)
    {
        // The attached stream closes when the process exits, but the daemon records the exit code a moment
        // later, so a first inspect can still say "running".
        var deadline = DateTimeOffset.UtcNow + _exitCodeDeadline;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var state = await InspectAsync(execId, cancellationToken).ConfigureAwait(false);
            if (!state.Running && state.ExitCode is { } exitCode)
            {
                return exitCode;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"exec {execId} closed its output but no exit code was reported within {_exitCodeDeadline}");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
