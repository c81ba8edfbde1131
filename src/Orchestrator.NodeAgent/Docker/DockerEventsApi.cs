using System.Runtime.CompilerServices;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>The daemon's event stream (<c>GET /events</c>).</summary>
public sealed class DockerEventsApi
{
    private readonly DockerTransport _transport;

    internal DockerEventsApi(DockerTransport transport) => _transport = transport;

    /// <summary>
    /// Opens the event stream and returns once the daemon accepted it: every event after this call
    /// returns is delivered, so a caller can subscribe, then act, without a race.
    /// </summary>
    /// <param name="filters">E.g. <c>type=container</c>, <c>label=…</c>, <c>event=die</c>.</param>
    /// <param name="since">Replay stored events from this time on.</param>
    /// <param name="until">End the stream at this time.</param>
    /// <param name="cancellationToken">Cancels opening the stream.</param>
    public async Task<DockerEventSubscription> SubscribeAsync(
        DockerFilters? filters = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null,
        CancellationToken cancellationToken = default)
    {
        const string operation = "stream events";
        var query = new DockerQuery().Add("filters", filters).Add("since", since).Add("until", until);
        var response = await _transport.OpenAsync(HttpMethod.Get, "/events", query, null, operation, cancellationToken)
            .ConfigureAwait(false);
        return new DockerEventSubscription(response, operation);
    }

    /// <summary>
    /// The event stream as a sequence; it ends at <paramref name="until"/>, or never, until cancelled.
    /// The request is only sent when enumeration starts.
    /// </summary>
    public async IAsyncEnumerable<DockerEvent> StreamAsync(
        DockerFilters? filters = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscription = await SubscribeAsync(filters, since, until, cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
    }
}

/// <summary>An open event stream; dispose it to close the connection.</summary>
public sealed class DockerEventSubscription : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly string _operation;
    private int _reading;

    internal DockerEventSubscription(HttpResponseMessage response, string operation)
    {
        _response = response;
        _operation = operation;
    }

    /// <summary>The events as they arrive; can be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">It is already being read.</exception>
    public IAsyncEnumerable<DockerEvent> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("an event subscription can only be read once");
        }

        return DockerTransport.ReadJsonLinesAsync<DockerEvent>(_response, _operation, cancellationToken);
    }

    /// <summary>Closes the stream.</summary>
    public void Dispose() => _response.Dispose();

    /// <summary>Closes the stream.</summary>
    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
