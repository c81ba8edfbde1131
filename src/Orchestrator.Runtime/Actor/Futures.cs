using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>Request/response from outside or inside actors: Ask and PipeTo.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> and returns the reply as a <typeparamref name="T"/>.
    /// Fails with <see cref="AskTimeoutException"/> when no reply comes within <paramref name="timeout"/>
    /// (default: the system's <c>ask-timeout</c>), with the reply's cause when the reply is a
    /// <see cref="Status.Failure"/>, and with <see cref="InvalidCastException"/> naming both types when
    /// the reply is of another type.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef recipient, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await Ask(recipient, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask of {message.GetType().Name} to {recipient.Path} expected a reply of type {typeof(T).Name} but got {reply?.GetType().Name ?? "null"}.");
    }

    /// <summary>Sends <paramref name="message"/> and returns the reply, whatever its type.</summary>
    public static Task<object?> Ask(this IActorRef recipient, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(recipient);
        var effective = timeout ?? system?.Settings.AskTimeout ?? TimeSpan.FromSeconds(30);
        if (recipient is IInternalActorRef { IsTerminated: true })
            return Task.FromException<object?>(new AskTimeoutException($"Ask of {message.GetType().Name} to {recipient.Path} failed: the recipient has stopped."));
        // The promise lives in the asking system: its path must name this process even when the recipient is remote.
        var promise = new PromiseActorRef(recipient, message, effective, cancellationToken, system?.RootRef.Path ?? recipient.Path.Root);
        recipient.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends the task's result to <paramref name="recipient"/> when it completes, or a
    /// <see cref="Status.Failure"/> when it fails. The usual way for an actor to use async APIs
    /// without blocking: start the task, pipe the result to Self.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        sender ??= ActorCell.Current?.Self;
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
            else
            {
                var cause = CauseOf(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Like <see cref="PipeTo{T}"/> for a task without a result: sends <paramref name="success"/>'s message or <see cref="Status.Success"/>.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        sender ??= ActorCell.Current?.Self;
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success is null ? new Status.Success(null) : success(), sender);
            else
            {
                var cause = CauseOf(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>What a failed or cancelled task reports: its first exception, unwrapped from the AggregateException.</summary>
    private static Exception CauseOf(Task failed) =>
        failed.IsCanceled ? new TaskCanceledException(failed) : failed.Exception!.InnerException ?? failed.Exception!;

    private static ActorSystem? SystemOf(IActorRef recipient) => recipient switch
    {
        LocalActorRef local => local.Cell.SystemImpl,
        Remoting.RemoteActorRef remote => remote.System,
        _ => ActorCell.Current?.SystemImpl,
    };
}

/// <summary>
/// The temporary sender of an Ask: the first message it receives completes the task. It is not
/// registered anywhere, so an Ask costs one object, one task and one timer entry — unless its path is
/// serialized for another process (<see cref="Publish"/>): then it is reachable under <c>/temp</c> until it completes.
/// </summary>
internal sealed class PromiseActorRef : ActorRefBase, IInternalActorRef
{
    private static long _counter;
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly long _id = Interlocked.Increment(ref _counter);
    private readonly Timer? _timer;
    private readonly CancellationTokenRegistration _registration;
    private readonly ActorPath _root;
    private ActorPath? _path;
    private ActorSystem? _publishedIn;

    public PromiseActorRef(IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken, ActorPath root)
    {
        _target = target;
        _root = root;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Ask timeout must be positive.");
            var messageType = message.GetType().Name;
            _timer = new Timer(static s =>
            {
                var (self, type, after) = ((PromiseActorRef, string, TimeSpan))s!;
                self.Complete(new AskTimeoutException($"Ask of {type} to {self._target.Path} timed out after {after.TotalMilliseconds:0} ms."));
            }, (this, messageType, timeout), timeout, Timeout.InfiniteTimeSpan);
        }
        if (cancellationToken.CanBeCanceled)
            _registration = cancellationToken.Register(static s => ((PromiseActorRef)s!).Complete(new TaskCanceledException()), this);
    }

    public Task<object?> Task => _completion.Task;

    public override ActorPath Path => _path ??= new ChildActorPath(_root / "temp", "$ask" + _id, _id);

    public bool IsTerminated => _completion.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is Status.Failure failure) Complete(failure.Cause);
        else if (_completion.TrySetResult(message)) Cleanup();
    }

    private void Complete(Exception cause)
    {
        if (_completion.TrySetException(cause)) Cleanup();
    }

    private void Cleanup()
    {
        _timer?.Dispose();
        _registration.Dispose();
        Volatile.Read(ref _publishedIn)?.TempRefs.TryRemove(new KeyValuePair<string, IInternalActorRef>(Path.Name, this));
    }

    /// <summary>
    /// Makes the promise reachable by path in <paramref name="system"/> (called when its path is written
    /// for another process); it is unregistered when the Ask completes, fails or times out.
    /// </summary>
    internal void Publish(ActorSystem system)
    {
        if (Interlocked.CompareExchange(ref _publishedIn, system, null) is not null) return;
        system.TempRefs[Path.Name] = this;
        // Completed between the check and the add: Cleanup may have run before the add, so undo it here.
        if (IsTerminated) system.TempRefs.TryRemove(new KeyValuePair<string, IInternalActorRef>(Path.Name, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        // Watching a pending Ask is not supported; a completed one is already dead.
        if (message is Watch w && IsTerminated) w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: true));
    }

    public void Stop() => Complete(new TaskCanceledException("The Ask was stopped."));
}
