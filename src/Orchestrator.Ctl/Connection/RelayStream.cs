using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orchestrator.Actors.Admin;
using Orchestrator.Actors.NodeApi;
using Orchestrator.Runtime;

namespace Orchestrator.Ctl.Connection;

/// <summary>
/// The client end of a <c>logs</c> or <c>exec</c> request: a small actor in orchctl's system receives what the
/// console's relay sends and hands it to a channel the command reads. It watches the console, so a control plane
/// that goes away ends the stream with an error instead of a hang. Disposing cancels a stream still running.
/// </summary>
public sealed class RelayStream : IAsyncDisposable
{
    private readonly Channel<(object Message, IActorRef Sender)> _channel;
    private readonly IActorRef _receiver;
    private readonly ActorSystem _system;
    private IActorRef? _relay;
    private bool _finished;

    private readonly object _cancel;

    private RelayStream(ActorSystem system, IActorRef receiver, Channel<(object Message, IActorRef Sender)> channel, object cancel)
    {
        _cancel = cancel;
        _system = system;
        _receiver = receiver;
        _channel = channel;
    }

    /// <summary>Sends <paramref name="request"/> (<see cref="PodLogs"/> or <see cref="PodExec"/>) to the console and returns the stream of its answers.</summary>
    public static RelayStream Open(AdminConnection connection, IAdminRequest request)
    {
        var channel = Channel.CreateUnbounded<(object, IActorRef)>(new UnboundedChannelOptions { SingleReader = true });
        var console = connection.Console;
        var receiver = connection.System.ActorOf(Props.Create(() => new Receiver(channel.Writer, console)));
        console.Tell(request, receiver);
        return new RelayStream(connection.System, receiver, channel, request is PodExec ? CancelExec.Instance : CancelLogs.Instance);
    }

    /// <summary>
    /// Every message until the last one (which is returned too: <see cref="LogEnd"/>, <see cref="LogsFailed"/>,
    /// <see cref="ExecCompleted"/>, <see cref="ExecFailed"/>, <see cref="AdminFailed"/>), or until <paramref name="cancel"/>.
    /// A lost control plane ends it with <see cref="CtlException"/>.
    /// </summary>
    public async IAsyncEnumerable<object> ReadAllAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        while (!_finished)
        {
            (object Message, IActorRef Sender) next;
            try
            {
                next = await _channel.Reader.ReadAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (next.Message is Terminated)
            {
                _finished = true;
                throw new CtlException("error: lost the connection to the cluster's admin console");
            }

            Volatile.Write(ref _relay, next.Sender);
            _finished = next.Message is LogEnd or LogsFailed or ExecCompleted or ExecFailed or AdminFailed;
            yield return next.Message;
        }
    }

    /// <summary>
    /// The node agent's answers (what <see cref="ReadAllAsync"/> returns besides the console's own): the console's notes
    /// (<see cref="ContainerSelected"/>) are written to <paramref name="error"/> as kubectl writes them, and a request the
    /// console could not route (<see cref="AdminFailed"/>) becomes a <see cref="CtlException"/>.
    /// </summary>
    public async IAsyncEnumerable<object> ReadAnswersAsync(TextWriter error, [EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var message in ReadAllAsync(cancel).ConfigureAwait(false))
        {
            switch (message)
            {
                case ContainerSelected selected:
                    await error.WriteLineAsync(selected.Note).ConfigureAwait(false);
                    break;
                case AdminFailed failed:
                    throw CtlException.Server(failed.Error);
                default:
                    yield return message;
                    break;
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> to the console's relay (exec input); nothing before the relay first answered.</summary>
    public void Send(object message) => Volatile.Read(ref _relay)?.Tell(message, _receiver);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_finished && _relay is not null) _relay.Tell(_cancel, _receiver);
        // The relay watches the receiver too, so a request cancelled before its first answer also ends on the server.
        _system.Stop(_receiver);
        return ValueTask.CompletedTask;
    }

    private sealed class Receiver(ChannelWriter<(object, IActorRef)> writer, IActorRef console) : ActorBase
    {
        protected override void PreStart() => Context.Watch(console);

        protected override bool Receive(object message)
        {
            writer.TryWrite((message, Sender));
            return true;
        }
    }
}
