using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>Failure, supervision, restart and termination: the actor lifecycle state machine.</summary>
internal sealed partial class ActorCell
{
    /// <summary>
    /// An exception escaped a handler: suspend this actor and its children and let the parent decide.
    /// The exception never propagates to the thread pool.
    /// </summary>
    /// <param name="cause">The failure.</param>
    /// <param name="failedChild">
    /// When escalating, the child whose failure this is: it is already suspended by its own failure,
    /// so it is not suspended again, and it is the one child whose failure a Resume clears.
    /// </param>
    internal void HandleInvokeFailure(Exception cause, IActorRef? failedChild = null)
    {
        if (IsTerminating)
        {
            RuntimeLog.FailureWhileStopping(_system.Logging.Runtime, cause, SelfRef.Path.ToString());
            return;
        }
        if ((_flags & CellFlags.Failed) != 0) return;

        _flags |= CellFlags.Failed;
        Extras.FailedMessage = _currentMessage;
        Extras.FailedChild = failedChild;
        Mailbox.Suspend();
        SuspendChildren(except: failedChild);
        _parent.SendSystemMessage(new Failed(SelfRef, cause, SelfRef.Path.Uid));
    }

    private void HandleSuspend()
    {
        Mailbox.Suspend();
        SuspendChildren();
    }

    private void HandleResume(Exception? causedByFailure)
    {
        if (IsTerminating) return;
        var failedChild = _extras?.FailedChild;
        if (causedByFailure is not null)
        {
            _flags &= ~CellFlags.Failed;
            if (_extras is not null)
            {
                _extras.FailedMessage = null;
                _extras.FailedChild = null;
            }
        }
        Mailbox.Resume();
        ResumeChildren(causedByFailure, failedChild);
        // Resuming an actor whose constructor failed would leave it without an instance: create it again.
        if (causedByFailure is not null && _actor is null && _extras?.PendingRecreate is null) CreateActor();
    }

    /// <summary>A child failed: apply this actor's supervisor strategy.</summary>
    private void HandleFailed(Failed failed)
    {
        var children = Volatile.Read(ref _children);
        var stats = children?.Get(failed.Child);
        if (stats is null || stats.IsTerminating) return;

        var strategy = _props.SupervisorStrategy ?? (Extras.Strategy ??= _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.Default);
        var directive = strategy.Decider(failed.Cause);
        var childPath = failed.Child.Path.ToString();
        switch (directive)
        {
            case Directive.Resume:
                RuntimeLog.ChildResumed(Log, failed.Cause, childPath);
                stats.Child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                RestartChildren(strategy, stats, failed.Cause, children!);
                break;
            case Directive.Stop:
                RuntimeLog.ChildStopped(Log, failed.Cause, childPath);
                foreach (var s in strategy.AppliesToAllChildren ? children!.Stats() : [stats]) Stop(s.Child);
                break;
            case Directive.Escalate:
                RuntimeLog.ChildEscalated(Log, failed.Cause, childPath);
                _currentMessage = null;
                HandleInvokeFailure(failed.Cause, failed.Child);
                break;
        }
    }

    private void RestartChildren(SupervisorStrategy strategy, ChildRestartStats failed, Exception cause, ChildrenContainer children)
    {
        var affected = strategy.AppliesToAllChildren ? children.Stats() : [failed];
        var allowed = true;
        foreach (var s in affected) allowed &= strategy.RequestRestartPermission(s);
        if (!allowed)
        {
            RuntimeLog.RestartLimitReached(Log, cause, failed.Child.Path.ToString(), strategy.MaxNrOfRetries);
            foreach (var s in affected) Stop(s.Child);
            return;
        }
        RuntimeLog.ChildRestarted(Log, cause, failed.Child.Path.ToString());
        foreach (var s in affected)
        {
            if (s.IsTerminating) continue;
            // Siblings restarted by an all-for-one strategy were not suspended by a failure of their own.
            if (!ReferenceEquals(s, failed)) s.Child.SendSystemMessage(new Suspend());
            s.Child.SendSystemMessage(new Recreate(cause));
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if (IsTerminating) return;
        var failedActor = _actor;
        var failedMessage = _extras?.FailedMessage;
        CancelTimersAndAsync();
        if (failedActor is not null)
        {
            try
            {
                _currentMessage = failedMessage;
                failedActor.InvokePreRestart(cause, failedMessage);
            }
            catch (Exception e)
            {
                RuntimeLog.PreRestartFailed(Log, e, SelfRef.Path.ToString());
            }
            finally
            {
                _currentMessage = null;
            }
        }
        _extras?.Stash?.UnstashAllForRestart();
        _actor = null;

        if (Volatile.Read(ref _children) is { HasTerminating: true })
        {
            Extras.PendingRecreate = cause;
            return;
        }
        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = Children;
        _flags &= ~CellFlags.Failed;
        if (_extras is not null)
        {
            _extras.FailedMessage = null;
            _extras.FailedChild = null;
            _extras.Strategy = null;
        }
        Mailbox.Resume();
        try
        {
            NewActorInstance();
            _actor!.InvokePostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{SelfRef.Path}: exception during restart: {Unwrap(e).Message}", Unwrap(e)));
            return;
        }
        foreach (var child in survivors)
        {
            var internalChild = (IInternalActorRef)child;
            internalChild.SendSystemMessage(new Recreate(cause));
        }
    }

    /// <summary>Starts stopping: children first; <see cref="FinishTerminate"/> runs when the last one is gone.</summary>
    private void HandleTerminate()
    {
        if (IsTerminating) return;
        _flags |= CellFlags.Terminating;
        Mailbox.Suspend();
        UnwatchAll();
        CancelTimersAndAsync();

        var children = Volatile.Read(ref _children);
        var stopping = children?.CloseAndMarkAllTerminating() ?? [];
        if (stopping.Length == 0)
        {
            FinishTerminate();
            return;
        }
        foreach (var child in stopping) ((IInternalActorRef)child).Stop();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception e)
            {
                RuntimeLog.PostStopFailed(Log, e, SelfRef.Path.ToString());
            }
        }
        _extras?.Stash?.DropAllToDeadLetters();
        _flags |= CellFlags.Terminated;
        Mailbox.Close();
        // Free the name before anyone hears of the stop: a watcher may recreate it on Terminated.
        if (_parent is LocalActorRef parent) parent.Cell.ReleaseChildName(SelfRef);

        if (_extras?.WatchedBy is { } watchedBy)
            foreach (var watcher in watchedBy) watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        _parent.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));

        _actor = null;
        _behavior = null;
        _extras = null;
    }

    /// <summary>A child finished stopping: continue a pending stop or restart of this actor.</summary>
    private void HandleChildTerminated()
    {
        var children = Volatile.Read(ref _children)!;
        if ((_flags & CellFlags.Terminating) != 0 && (_flags & CellFlags.Terminated) == 0)
        {
            if (children.Count == 0) FinishTerminate();
            return;
        }
        if (_extras?.PendingRecreate is { } cause && !children.HasTerminating)
        {
            _extras.PendingRecreate = null;
            FinishRecreate(cause);
        }
    }

    private void CancelTimersAndAsync()
    {
        if (_extras is not { } x) return;
        x.Timers?.CancelAll();
        x.ReceiveTimeout?.Cancel();
        x.ReceiveTimeout = null;
        if (x.Async is not null)
        {
            x.Async = null;
            x.AsyncGeneration++;
            Mailbox.Resume();
        }
    }
}
