using Orchestrator.Actors.NodeApi;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// One <c>logs</c> or <c>exec</c> request of one client, as a child of the <see cref="AdminConsole"/>: finds the
/// pod's node agent (<see cref="PodRouting"/>), sends it the node request with itself as the requester, and passes
/// every answer on to the client (and an exec's input from the client to the agent's session) until the last one (<see cref="LogEnd"/>, <see cref="LogsFailed"/>,
/// <see cref="ExecCompleted"/>, <see cref="ExecFailed"/>). The client only ever talks to the control plane, as kubectl
/// talks only to the apiserver. It ends the agent's stream when the client cancels or goes away, and tells the
/// client when the agent goes away mid-request.
/// </summary>
public sealed class NodeRelay : ReceiveActor
{
    private readonly IActorRef _client;
    private readonly Func<Task<(PodRoute? Route, AdminError? Error)>> _route;
    private readonly Func<PodRoute, object> _request;
    private PodRoute? _target;
    private IActorRef? _stream;
    private bool _isExec;

    /// <summary>Creates the relay; use <see cref="Props"/>.</summary>
    public NodeRelay(IActorRef client, Func<Task<(PodRoute? Route, AdminError? Error)>> route, Func<PodRoute, object> request)
    {
        _client = client;
        _route = route;
        _request = request;
        Receive<Routed>(HandleRouted);
        Receive<LogChunk>(PassOn);
        Receive<ExecStarted>(PassOn);
        Receive<ExecOutput>(PassOn);
        Receive<ExecInput>(input => _stream?.Tell(input, Self));
        Receive<ExecInputEnd>(end => _stream?.Tell(end, Self));
        Receive<ExecResize>(size => _stream?.Tell(size, Self));
        Receive<CancelLogs>(_ => Context.Stop(Self));
        Receive<CancelExec>(_ => Context.Stop(Self));
        Receive<Terminated>(HandleTerminated);
        ReceiveAny(HandleLast);
    }

    /// <summary>Props of a relay for <paramref name="client"/>: <paramref name="route"/> finds the agent, <paramref name="request"/> builds what it is sent.</summary>
    public static Props Props(IActorRef client, Func<Task<(PodRoute? Route, AdminError? Error)>> route, Func<PodRoute, object> request) =>
        Runtime.Props.Create(() => new NodeRelay(client, route, request));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_client);
        _route().PipeTo(Self, success: r => new Routed(r.Route, r.Error),
            failure: e => new Routed(null, new AdminError("InternalError", 500, $"could not find the pod's node agent: {e.Message}")));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        // Ends a follow or an exec on the node when the client cancelled or went away; a finished stream has stopped already.
        _stream?.Tell(_isExec ? CancelExec.Instance : CancelLogs.Instance, Self);
    }

    // The agent's stream (a log streamer or an exec session) is the sender of its answers; the client's exec input goes to it.
    private void PassOn(object answer)
    {
        _stream = Sender;
        _client.Tell(answer, Self);
    }

    private void HandleRouted(Routed routed)
    {
        if (routed.Route is not { } route)
        {
            _client.Tell(new AdminFailed(routed.Error!), Self);
            Context.Stop(Self);
            return;
        }

        _target = route;
        foreach (var note in route.Notes) _client.Tell(new ContainerSelected(route.Pod, route.Container, note), Self);
        Context.Watch(route.Agent);
        var request = _request(route);
        _isExec = request is ExecInContainer;
        route.Agent.Tell(request, Self);
    }

    private void HandleTerminated(Terminated terminated)
    {
        if (_target is { } target && terminated.ActorRef.Equals(target.Agent))
        {
            var message = $"the node agent of node {target.Node} went away while serving pod {target.Namespace}/{target.Pod}";
            _client.Tell(_isExec ? new ExecFailed(message) : new LogsFailed(message), Self);
        }

        _stream = null;
        Context.Stop(Self);
    }

    private void HandleLast(object message)
    {
        if (message is not (LogEnd or LogsFailed or ExecCompleted or ExecFailed)) return;
        _client.Tell(message, Self);
        _stream = null;
        Context.Stop(Self);
    }

    private sealed record Routed(PodRoute? Route, AdminError? Error);
}
