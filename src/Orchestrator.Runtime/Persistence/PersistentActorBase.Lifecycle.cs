using Orchestrator.Runtime.Dispatch;
using Orchestrator.Runtime.Persistence.Journal;
using Orchestrator.Runtime.Persistence.Snapshot;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence;

/// <summary>The recovery and persist state machine, wrapped around the user's handlers.</summary>
public abstract partial class PersistentActorBase
{
    internal sealed override void AroundPreStart()
    {
        base.AroundPreStart();
        if (SkipsRecoveryFor is null) StartRecovery();
        else AwaitFirstMessage();
    }

    internal sealed override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    internal sealed override void AroundPreRestart(Exception reason, object? message)
    {
        UnstashInternal();
        _phase = Phase.Stopped;
        base.AroundPreRestart(reason, message);
    }

    internal sealed override void AroundPostStop()
    {
        _phase = Phase.Stopped;
        foreach (var e in _internalStash) Cell.SystemImpl.DeadLetterRef.Publish(e.Message, e.Sender, Self);
        _internalStash.Clear();
        base.AroundPostStop();
    }

    private void StartRecovery()
    {
        NewIncarnation();
        _verified = true;
        _unverifiedCommand = null;
        _phase = Phase.WaitingForSnapshot;
        PersistenceExtension.SnapshotStore.Tell(new LoadSnapshot(PersistenceId, RecoverySnapshotCriteria, _instanceId), Self);
    }

    /// <summary>Ids that tell this incarnation's journal replies from an earlier one's, and mark its writes.</summary>
    private void NewIncarnation()
    {
        _instanceId = Interlocked.Increment(ref _instanceCounter);
        _writerId = Guid.NewGuid().ToString("N");
    }

    private void AwaitFirstMessage()
    {
        NewIncarnation();
        _verified = false;
        _phase = Phase.AwaitingFirstMessage;
    }

    /// <summary>
    /// A message before the state is known: handled at once against the initial state when <see cref="SkipsRecoveryFor"/>
    /// accepts it (the first write then tells whether the guess "no events yet" was right), else recovery starts and
    /// the message waits for it.
    /// </summary>
    private bool ReceiveUnverified(Receive? behavior, object message)
    {
        if (!SkipsRecoveryFor!(message))
        {
            StartRecovery();
            StashInternal(message);
            return true;
        }
        _unverifiedCommand = new Envelope(message, Cell.CurrentSender);
        _phase = Phase.Processing;
        var handled = base.AroundReceive(behavior, message);
        FlushBatch();
        // Nothing persisted: the answer did not depend on the state (the contract), so nothing needs undoing.
        if (_phase == Phase.Processing) _unverifiedCommand = null;
        return handled;
    }

    internal sealed override bool AroundReceive(Receive? behavior, object message)
    {
        switch (_phase)
        {
            case Phase.AwaitingFirstMessage:
                return ReceiveUnverified(behavior, message);

            case Phase.WaitingForSnapshot:
                if (message is LoadSnapshotResult result && result.ActorInstanceId == _instanceId) OnSnapshotLoaded(result.Offer);
                else if (message is LoadSnapshotFailed failed && failed.ActorInstanceId == _instanceId)
                    FailRecovery(new RecoveryException(PersistenceId, 0, $"its snapshot cannot be loaded: {failed.Cause.Message}", failed.Cause));
                else StashInternal(message);
                return true;

            case Phase.Replaying:
                switch (message)
                {
                    case ReplayedMessage replayed when replayed.ActorInstanceId == _instanceId: OnReplayed(replayed); break;
                    case RecoverySuccess success when success.ActorInstanceId == _instanceId: OnRecoverySuccess(success.HighestSequenceNr); break;
                    case ReplayMessagesFailure failure when failure.ActorInstanceId == _instanceId: FailRecovery(failure.Cause); break;
                    default: StashInternal(message); break;
                }
                return true;

            case Phase.Persisting:
                switch (message)
                {
                    case WriteMessageSuccess success when success.ActorInstanceId == _instanceId: OnWriteSuccess(success); break;
                    case WriteMessageFailure failure when failure.ActorInstanceId == _instanceId: OnWriteFailure(failure); break;
                    case WriteMessageSuccess or WriteMessageFailure: break;
                    default: StashInternal(message); break;
                }
                return true;

            case Phase.Processing:
                if (message is WriteMessageSuccess or WriteMessageFailure or ReplayedMessage or RecoverySuccess or ReplayMessagesFailure
                    or LoadSnapshotResult or LoadSnapshotFailed) return true; // late replies to an earlier incarnation
                if (!_verified) return ReceiveUnverified(behavior, message);
                var handled = base.AroundReceive(behavior, message);
                FlushBatch();
                return handled;

            default:
                return true;
        }
    }

    private void OnSnapshotLoaded(SnapshotOffer? offer)
    {
        if (offer is not null)
        {
            LastSequenceNr = SnapshotSequenceNr = offer.Metadata.SequenceNr;
            if (!RecoverWith(offer)) return;
        }
        _phase = Phase.Replaying;
        PersistenceExtension.Journal.Tell(new ReplayMessages(PersistenceId, LastSequenceNr + 1, long.MaxValue, long.MaxValue, Self, _instanceId), Self);
    }

    private void OnReplayed(ReplayedMessage replayed)
    {
        LastSequenceNr = replayed.Repr.SequenceNr;
        LastOrdering = replayed.Repr.Ordering;
        RecoverWith(replayed.Event);
    }

    private void OnRecoverySuccess(long highestSequenceNr)
    {
        LastSequenceNr = Math.Max(LastSequenceNr, highestSequenceNr);
        _nextSequenceNr = LastSequenceNr;
        _phase = Phase.Processing;
        if (!RecoverWith(RecoveryCompleted.Instance)) return;
        FlushBatch();
        if (_phase == Phase.Processing) UnstashInternal();
    }

    private bool RecoverWith(object message)
    {
        try
        {
            ReceiveRecover(message);
            return true;
        }
        catch (Exception e)
        {
            FailRecovery(new RecoveryException(PersistenceId, LastSequenceNr, $"the recovery handler threw on {message.GetType().Name}: {e.Message}", e));
            return false;
        }
    }

    private void FailRecovery(Exception cause)
    {
        _phase = Phase.Stopped;
        OnRecoveryFailure(cause);
        Context.Stop(Self);
    }

    private void FlushBatch()
    {
        if (_batch is not { Count: > 0 } batch) return;
        _batch = null;
        _phase = Phase.Persisting;
        var journal = PersistenceExtension.Journal;
        foreach (var write in batch) journal.Tell(new WriteMessages(write, Self, _instanceId), Self);
    }

    private void OnWriteSuccess(WriteMessageSuccess success)
    {
        var pending = _pending.Dequeue();
        if (pending.SequenceNr != success.SequenceNr)
            throw new InvalidOperationException($"{PersistenceId}: journal confirmed event {success.SequenceNr} but event {pending.SequenceNr} was next.");
        if (!_verified)
        {
            // The journal took event 1: the entity really was new, and its empty state was its recovered state.
            _verified = true;
            _unverifiedCommand = null;
            if (!RecoverWith(RecoveryCompleted.Instance)) return;
        }
        LastSequenceNr = pending.SequenceNr;
        LastOrdering = success.Ordering;
        Cell.OverrideCurrentSender(pending.Sender);
        pending.Handler(pending.Event);
        // Events the handler persisted go out now, behind those still in flight, so order holds.
        FlushBatch();
        if (_pending.Count > 0) return;
        _phase = Phase.Processing;
        UnstashInternal();
    }

    private void OnWriteFailure(WriteMessageFailure failure)
    {
        if (!_verified && failure.Cause is DuplicateSequenceNumberException)
        {
            RecoverAfterWrongGuess();
            return;
        }
        var pending = _pending.Count > 0 ? _pending.Peek() : null;
        _pending.Clear();
        _phase = Phase.Stopped;
        OnPersistFailure(failure.Cause, pending?.Event ?? "(unknown event)", failure.SequenceNr);
        Context.Stop(Self);
    }

    /// <summary>
    /// The entity had events after all: drop what was built on the empty state, recover, and handle the command again
    /// (first, before the messages that waited behind it).
    /// </summary>
    private void RecoverAfterWrongGuess()
    {
        _pending.Clear();
        _batch = null;
        if (_unverifiedCommand is { } command) _internalStash.Insert(0, command);
        PersistenceLog.RecoveringAfterTakenWrite(Log, PersistenceId);
        StartRecovery();
    }

    private void StashInternal(object message) => _internalStash.Add(new Envelope(message, Cell.CurrentSender));

    /// <summary>
    /// Puts the messages held during recovery or a write back in front of the mailbox. A Terminated among them
    /// was accepted once already, so it is queued for delivery again (else it would be taken for a stale one
    /// and dropped, and the actor would never learn that the actor it watched stopped).
    /// </summary>
    private void UnstashInternal()
    {
        for (var i = _internalStash.Count - 1; i >= 0; i--)
        {
            if (_internalStash[i].Message is Terminated t) Cell.RequeueTerminated(t.ActorRef);
            Cell.Mailbox.Prepend(_internalStash[i]);
        }
        _internalStash.Clear();
    }
}
