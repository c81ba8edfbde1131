using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Runtime;

namespace Orchestrator.Ctl.Connection;

/// <summary>
/// The client end of a watch: a small actor in orchctl's system receives the console's stream and hands it to
/// a channel the command reads. Disposing closes the watch on the server.
/// </summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly Channel<object> _channel;
    private readonly IActorRef _receiver;
    private readonly ActorSystem _system;

    private WatchStream(ActorSystem system, IActorRef receiver, Channel<object> channel, WatchOpened opened)
    {
        _system = system;
        _receiver = receiver;
        _channel = channel;
        Opened = opened;
    }

    /// <summary>What the server said when it opened the watch.</summary>
    public WatchOpened Opened { get; }

    /// <summary>Why the server ended the watch, once it has.</summary>
    public AdminError? Ended { get; private set; }

    /// <summary>Opens a watch; a <see cref="CtlException"/> when the server refuses it.</summary>
    public static async Task<WatchStream> OpenAsync(AdminConnection connection, WatchResources request, CancellationToken cancel)
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var receiver = connection.System.ActorOf(Props.Create(() => new Receiver(channel.Writer)));
        connection.Console.Tell(request, receiver);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(connection.Timeout);
        try
        {
            var first = await channel.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            return first switch
            {
                WatchOpened opened => new WatchStream(connection.System, receiver, channel, opened),
                WatchEnded ended => throw CtlException.Server(ended.Error),
                _ => throw new CtlException($"error: unexpected reply {first.GetType().Name} to a watch"),
            };
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new CtlException($"error: the admin console did not open the watch within {connection.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Each change until the server ends the watch or <paramref name="cancel"/> fires.</summary>
    public async IAsyncEnumerable<ObjectWatched> ReadAllAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        while (true)
        {
            object next;
            try
            {
                next = await _channel.Reader.ReadAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            switch (next)
            {
                case ObjectWatched change:
                    yield return change;
                    break;
                case WatchEnded ended:
                    Ended = ended.Error;
                    yield break;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Opened.Watch.Tell(new StopWatching(), _receiver);
        _system.Stop(_receiver);
        return ValueTask.CompletedTask;
    }

    private sealed class Receiver(ChannelWriter<object> writer) : ActorBase
    {
        protected override bool Receive(object message)
        {
            writer.TryWrite(message);
            return true;
        }
    }
}
