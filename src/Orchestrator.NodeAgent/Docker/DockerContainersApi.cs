using System.Globalization;
using System.Runtime.CompilerServices;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>Container calls: create, start, stop, kill, remove, inspect, list, wait, logs and stats.</summary>
public sealed class DockerContainersApi
{
    private readonly DockerTransport _transport;

    internal DockerContainersApi(DockerTransport transport) => _transport = transport;

    /// <summary><c>POST /containers/create</c>.</summary>
    /// <param name="request">Image, command, labels and host settings.</param>
    /// <param name="name">Container name; the daemon invents one when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerNotFoundException">The image is not present locally.</exception>
    /// <exception cref="DockerConflictException">The name is taken.</exception>
    public Task<ContainerCreateResponse> CreateAsync(
        ContainerCreateRequest request,
        string? name = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Image, nameof(request.Image));
        // Always send a HostConfig so its explicit defaults (restart policy "no") reach the daemon even
        // when the caller set no host options.
        var body = request.HostConfig is null ? request with { HostConfig = new HostConfig() } : request;
        return _transport.SendJsonAsync<ContainerCreateResponse>(
            HttpMethod.Post, "/containers/create", new DockerQuery().Add("name", name), body,
            $"create container {name ?? request.Image}", cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/start</c>.</summary>
    /// <exception cref="DockerNotModifiedException">It is already running.</exception>
    /// <exception cref="DockerApiException">The runtime could not start it, e.g. the command does not exist.</exception>
    public Task StartAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Post, $"/containers/{DockerQuery.Segment(id)}/start", null, null,
            $"start container {id}", cancellationToken);

    /// <summary>
    /// <c>POST /containers/{id}/stop</c>: sends the stop signal, then SIGKILL after <paramref name="timeout"/>
    /// (the container's own StopTimeout, or 10 s, when null). Returns once the container stopped.
    /// </summary>
    /// <exception cref="DockerNotModifiedException">It was not running.</exception>
    public Task StopAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var query = new DockerQuery();
        if (timeout is { } grace)
        {
            query.Add("t", (long)Math.Ceiling(Math.Max(grace.TotalSeconds, 0)));
        }

        return _transport.SendAsync(HttpMethod.Post, $"/containers/{DockerQuery.Segment(id)}/stop", query, null,
            $"stop container {id}", cancellationToken);
    }

    /// <summary><c>POST /containers/{id}/kill</c> with a signal name (<c>SIGTERM</c>) or number.</summary>
    /// <exception cref="DockerConflictException">It is not running.</exception>
    public Task KillAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        return _transport.SendAsync(HttpMethod.Post, $"/containers/{DockerQuery.Segment(id)}/kill",
            new DockerQuery().Add("signal", signal), null, $"kill container {id} with {signal}", cancellationToken);
    }

    /// <summary><c>DELETE /containers/{id}</c>.</summary>
    /// <param name="id">Container id or name.</param>
    /// <param name="force">Kill it first if it runs.</param>
    /// <param name="removeVolumes">Also remove its anonymous volumes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    /// <exception cref="DockerConflictException">It runs and <paramref name="force"/> is false.</exception>
    public Task RemoveAsync(string id, bool force = false, bool removeVolumes = false, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Delete, $"/containers/{DockerQuery.Segment(id)}",
            new DockerQuery().Add("force", force).Add("v", removeVolumes), null, $"remove container {id}", cancellationToken);

    /// <summary><c>GET /containers/{id}/json</c>.</summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    public Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<ContainerInspectResponse>(
            $"/containers/{DockerQuery.Segment(id)}/json", null, $"inspect container {id}", cancellationToken);

    /// <summary>
    /// <c>GET /containers/json</c>; stopped containers included by default, because an orchestrator must
    /// see the ones that exited.
    /// </summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(
        DockerFilters? filters = null,
        bool all = true,
        CancellationToken cancellationToken = default)
    {
        var query = new DockerQuery().Add("all", all).Add("filters", filters);
        return await _transport.GetJsonAsync<List<ContainerSummary>>("/containers/json", query, "list containers", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>POST /containers/{id}/wait</c>: blocks until the condition holds and returns the exit code.</summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    /// <exception cref="DockerStreamErrorException">The daemon reported an error while waiting.</exception>
    public async Task<int> WaitAsync(
        string id,
        WaitCondition condition = WaitCondition.NotRunning,
        CancellationToken cancellationToken = default)
    {
        var conditionText = condition switch
        {
            WaitCondition.NextExit => "next-exit",
            WaitCondition.Removed => "removed",
            _ => "not-running",
        };
        var operation = $"wait for container {id}";
        var response = await _transport.SendJsonAsync<ContainerWaitResponse>(
            HttpMethod.Post, $"/containers/{DockerQuery.Segment(id)}/wait",
            new DockerQuery().Add("condition", conditionText), null, operation, cancellationToken).ConfigureAwait(false);
        if (response.Error?.Message is { Length: > 0 } error)
        {
            throw new DockerStreamErrorException(error, operation);
        }

        return (int)response.StatusCode;
    }

    /// <summary>
    /// <c>GET /containers/{id}/logs</c> as frames: demultiplexed into stdout and stderr, or raw
    /// <see cref="LogStreamType.Tty"/> frames when the container has a TTY. With
    /// <see cref="LogsOptions.Follow"/> the sequence lasts until the container stops or the token is cancelled.
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    public async IAsyncEnumerable<LogFrame> LogsAsync(
        string id,
        LogsOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new LogsOptions();
        // Whether the output is framed depends on the container's TTY, which the 1.41 API does not
        // announce in the response's content type.
        var container = await InspectAsync(id, cancellationToken).ConfigureAwait(false);
        var tty = container.Config?.Tty == true;
        var query = new DockerQuery()
            .Add("stdout", options.Stdout)
            .Add("stderr", options.Stderr)
            .Add("follow", options.Follow)
            .Add("timestamps", options.Timestamps)
            .Add("tail", options.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all")
            .Add("since", options.Since)
            .Add("until", options.Until);
        using var response = await _transport.OpenAsync(
            HttpMethod.Get, $"/containers/{DockerQuery.Segment(id)}/logs", query, null, $"read logs of container {id}",
            cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var frame in DockerStreamDemultiplexer.ReadAsync(stream, tty, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
    }

    /// <summary>Reads the logs to their end and returns stdout and stderr as text.</summary>
    public Task<ContainerOutput> ReadLogsAsync(string id, LogsOptions? options = null, CancellationToken cancellationToken = default) =>
        DockerStreamDemultiplexer.CollectAsync(LogsAsync(id, options, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>GET /containers/{id}/stats?stream=false</c>: one sample. Unless <paramref name="oneShot"/>, the
    /// daemon waits for a second reading so <see cref="ContainerStatsResponse.CpuPercent"/> has a previous
    /// sample to compare with (about a second); one-shot answers at once without it.
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    public Task<ContainerStatsResponse> StatsAsync(string id, bool oneShot = false, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<ContainerStatsResponse>(
            $"/containers/{DockerQuery.Segment(id)}/stats", new DockerQuery().Add("stream", false).Add("one-shot", oneShot),
            $"read stats of container {id}", cancellationToken);
}
