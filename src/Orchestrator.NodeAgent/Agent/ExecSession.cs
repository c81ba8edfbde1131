using System.Threading.Channels;
using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// One <c>orchctl exec</c> session, as a child of the <see cref="NodeAgent"/>: starts the command attached in the newest
/// running instance of the container, tells the requester <see cref="ExecStarted"/>, sends each output chunk as it is
/// written and ends with <see cref="ExecCompleted"/> or <see cref="ExecFailed"/>. <see cref="ExecInput"/> goes to the
/// process's stdin in the order received, <see cref="ExecInputEnd"/> closes it, <see cref="ExecResize"/> sizes its
/// terminal. It stops when the requester stops or sends <see cref="CancelExec"/>, closing the connection (the process then reads end-of-file; it is not killed).
/// </summary>
public sealed class ExecSession : ReceiveActor
{
    private readonly IContainerRuntime _runtime;
    private readonly string _podUid;
    private readonly ExecInContainer _request;
    private readonly IActorRef _requester;
    private readonly string _node;
    private readonly CancellationTokenSource _cancel = new();

    // The actor writes, the input pump reads: a channel keeps input and resizes in order without sharing anything else.
    private readonly Channel<object> _input = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Creates the session; use <see cref="Props"/>.</summary>
    public ExecSession(IContainerRuntime runtime, string podUid, ExecInContainer request, IActorRef requester, string node)
    {
        _node = node;
        _runtime = runtime;
        _podUid = podUid;
        _request = request;
        _requester = requester;
        Receive<ExecInput>(m => _input.Writer.TryWrite(m.Data));
        Receive<ExecInputEnd>(_ => _input.Writer.TryComplete());
        Receive<ExecResize>(m => _input.Writer.TryWrite(m));
        Receive<Exited>(m => Finish(new ExecCompleted(m.ExitCode)));
        Receive<SessionFailed>(m => Finish(new ExecFailed(m.Message)));
        Receive<CancelExec>(_ => Context.Stop(Self));
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    private string Subject => $"container {_request.Container} of pod {_request.Namespace}/{_request.Pod} on node {_node}";

    /// <summary>Props of a session running <paramref name="request"/> in the pod with uid <paramref name="podUid"/> on <paramref name="node"/> for <paramref name="requester"/>.</summary>
    public static Props Props(IContainerRuntime runtime, string podUid, ExecInContainer request, IActorRef requester, string node) =>
        Orchestrator.Runtime.Props.Create(() => new ExecSession(runtime, podUid, request, requester, node));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_requester);
        var subject = Subject;
        RunAsync(Self, _cancel.Token).PipeTo(Self,
            success: code => new Exited(code),
            failure: ex => new SessionFailed(ex is ExecUnavailableException ? ex.Message : $"could not exec in {subject}: {ex.Message}"));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _input.Writer.TryComplete();
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private void Finish(object last)
    {
        _requester.Tell(last, Self);
        Context.Stop(Self);
    }

    // Runs off the actor's thread: it uses only fields set in the constructor, the channel's reader and the captured Self.
    private async Task<int> RunAsync(IActorRef self, CancellationToken cancellationToken)
    {
        var containers = await _runtime.ListPodContainersAsync(_podUid, cancellationToken).ConfigureAwait(false);
        var current = containers
            .Where(c => c.Kind != PodLabels.SandboxKind && c.ContainerName == _request.Container)
            .OrderByDescending(c => c.RestartCount)
            .FirstOrDefault();
        if (current is not { Running: true })
            throw new ExecUnavailableException($"unable to upgrade connection: {Subject} is not running");

        var stream = await _runtime.OpenExecAsync(current.Id, new ExecStart(_request.Command, _request.Stdin, _request.Tty), cancellationToken)
            .ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Closing the connection is what stops a read that the token alone may not interrupt.
            await using var closeOnCancel = cancellationToken.Register(() => _ = stream.DisposeAsync().AsTask());
            _requester.Tell(ExecStarted.Instance, self);
            // Input still unread when the process has ended (a client whose stdin never ends) must not hold up the end.
            using var inputDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = _request.Stdin || _request.Tty ? PumpInputAsync(stream, inputDone.Token) : Task.CompletedTask;
            await foreach (var chunk in stream.ReadOutputAsync(cancellationToken).ConfigureAwait(false))
            {
                _requester.Tell(chunk, self);
            }

            await inputDone.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            return await stream.WaitExitCodeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PumpInputAsync(IExecStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _input.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item is byte[] data && _request.Stdin) await stream.WriteInputAsync(data, cancellationToken).ConfigureAwait(false);
                else if (item is ExecResize size) await ResizeAsync(stream, size, cancellationToken).ConfigureAwait(false);
            }

            if (_request.Stdin) stream.CloseInput();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The process ended or the session was cancelled: input nobody reads is dropped, as kubectl drops it.
        }
    }

    // A resize is best effort: the process may have ended, or the terminal have gone, in between.
    private static async Task ResizeAsync(IExecStream stream, ExecResize size, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ResizeAsync(size.Rows, size.Columns, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Ignored, as kubectl ignores a failed resize.
        }
    }

    private sealed record Exited(int ExitCode);

    private sealed record SessionFailed(string Message);

    private sealed class ExecUnavailableException(string message) : Exception(message);
}
