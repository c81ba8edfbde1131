using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Streams one container's output to one requester, as a child of the <see cref="NodeAgent"/>: resolves the current
/// or previous instance from the pod's labelled containers (the newest restart count is current, the one before it
/// previous), sends each chunk as it arrives, and ends with <see cref="LogEnd"/> or <see cref="LogsFailed"/>. It stops
/// when the requester stops or sends <see cref="CancelLogs"/>, closing the engine's stream.
/// </summary>
public sealed class LogStreamer : ReceiveActor
{
    private readonly IContainerRuntime _runtime;
    private readonly string _podUid;
    private readonly GetContainerLogs _request;
    private readonly IActorRef _requester;
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Creates the stream; use <see cref="Props"/>.</summary>
    public LogStreamer(IContainerRuntime runtime, string podUid, GetContainerLogs request, IActorRef requester)
    {
        _runtime = runtime;
        _podUid = podUid;
        _request = request;
        _requester = requester;
        Receive<Streamed>(_ => Finish(LogEnd.Instance));
        Receive<StreamFailed>(m => Finish(new LogsFailed(m.Message)));
        Receive<CancelLogs>(_ => Context.Stop(Self));
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    private string Subject => $"container \"{_request.Container}\" of pod \"{_request.Namespace}/{_request.Pod}\"";

    /// <summary>Props of a stream of <paramref name="request"/> for the pod with uid <paramref name="podUid"/>, sent to <paramref name="requester"/>.</summary>
    public static Props Props(IContainerRuntime runtime, string podUid, GetContainerLogs request, IActorRef requester) =>
        Orchestrator.Runtime.Props.Create(() => new LogStreamer(runtime, podUid, request, requester));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_requester);
        var subject = Subject;
        StreamAsync(Self, _cancel.Token).PipeTo(Self,
            success: () => new Streamed(),
            failure: ex => new StreamFailed(ex is LogsUnavailableException ? ex.Message : $"could not read the logs of {subject}: {ex.Message}"));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private void Finish(object last)
    {
        _requester.Tell(last, Self);
        Context.Stop(Self);
    }

    // Runs off the actor's thread: it uses only fields set in the constructor and the captured Self.
    private async Task StreamAsync(IActorRef self, CancellationToken cancellationToken)
    {
        var containers = await _runtime.ListPodContainersAsync(_podUid, cancellationToken).ConfigureAwait(false);
        var runs = containers
            .Where(c => c.Kind != PodLabels.SandboxKind && c.ContainerName == _request.Container)
            .OrderByDescending(c => c.RestartCount)
            .ToList();
        var index = _request.Previous ? 1 : 0;
        if (runs.Count <= index)
        {
            throw new LogsUnavailableException(_request.Previous
                ? $"previous terminated {Subject} not found"
                : $"{Subject} has not been created yet");
        }

        var since = _request.SinceSeconds is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(-seconds) : (DateTimeOffset?)null;
        var options = new ContainerLogOptions(_request.Follow && !_request.Previous, _request.TailLines, _request.Timestamps, since);
        await foreach (var chunk in _runtime.StreamLogsAsync(runs[index].Id, options, cancellationToken).ConfigureAwait(false))
        {
            _requester.Tell(chunk, self);
        }
    }

    private sealed record Streamed;

    private sealed record StreamFailed(string Message);

    private sealed class LogsUnavailableException(string message) : Exception(message);
}
