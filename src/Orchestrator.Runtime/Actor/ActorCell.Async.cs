using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>
/// Async handlers. While a handler's task is pending the mailbox is suspended for user messages,
/// and every continuation after an <c>await</c> comes back as a system message, so the actor still
/// processes one thing at a time and Context/Self/Sender stay valid after each await.
/// A restart or stop bumps the generation, which discards the stale handler's continuations.
/// </summary>
internal sealed partial class ActorCell
{
    internal void RunAsync(Func<Task> handler)
    {
        var previous = SynchronizationContext.Current;
        var generation = _extras?.AsyncGeneration ?? 0;
        SynchronizationContext.SetSynchronizationContext(new ActorSynchronizationContext(SelfRef, generation));
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        Extras.Async = new AsyncHandlerState(_currentMessage, _currentSender);
        Mailbox.Suspend();
        task.ContinueWith(
            static (t, state) =>
            {
                var (self, gen) = ((LocalActorRef, int))state!;
                self.SendSystemMessage(new AsyncHandlerCompleted(t, gen));
            },
            (SelfRef, generation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleAsyncCompleted(AsyncHandlerCompleted completed)
    {
        if (_extras is not { Async: { } state } x || x.AsyncGeneration != completed.Generation) return;
        x.Async = null;
        Mailbox.Resume();
        SetCurrent(state.Message, state.Sender);
        try
        {
            if (completed.Task.IsFaulted) HandleInvokeFailure(completed.Task.Exception!.InnerException ?? completed.Task.Exception);
            else if (completed.Task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(completed.Task));
        }
        finally
        {
            SetCurrent(null, null);
        }
    }

    private void HandleContinuation(RunContinuation continuation)
    {
        if (_extras is not { Async: { } state } x || x.AsyncGeneration != continuation.Generation) return;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new ActorSynchronizationContext(SelfRef, continuation.Generation));
        SetCurrent(state.Message, state.Sender);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            SetCurrent(null, null);
        }
    }
}

/// <summary>Routes continuations of an async handler back into the actor's mailbox.</summary>
internal sealed class ActorSynchronizationContext(LocalActorRef self, int generation) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) =>
        self.SendSystemMessage(new RunContinuation(d, state, generation));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor would block a dispatcher thread.");

    public override SynchronizationContext CreateCopy() => new ActorSynchronizationContext(self, generation);
}
