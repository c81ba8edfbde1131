using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Persistence.Storage;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Persistence.Journal;

/// <summary>
/// Fronts one <see cref="IJournalStorage"/>. Writes are group-committed: while one batch is being
/// written, new writes queue up and all of them go together in the next batch, so a thousand actors
/// persisting at once cost a handful of transactions. Nothing here blocks: storage calls are awaited
/// off the actor and their results come back as messages.
/// </summary>
internal sealed class JournalActor : StorageFrontActor
{
    private readonly IJournalStorage _storage;
    private readonly SerializationRegistry _serialization;
    private readonly JournalNotifier _notifier;
    private readonly int _maxBatchSize;
    private readonly Queue<WriteMessages> _pending = new();
    private readonly Dictionary<string, int> _writesInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReplayMessages>> _deferredReplays = new(StringComparer.Ordinal);
    private readonly List<ReplayMessages> _recoveries = [];
    private bool _writing;
    private bool _recovering;

    public JournalActor(IJournalStorage storage, SerializationRegistry serialization, JournalNotifier notifier, int maxBatchSize)
    {
        _storage = storage;
        _serialization = serialization;
        _notifier = notifier;
        _maxBatchSize = maxBatchSize;
    }

    protected override string StorageName => "journal storage";

    protected override Task InitializeStorage() => _storage.InitializeAsync();

    protected override bool FailRequest(object message, Exception cause)
    {
        switch (message)
        {
            case WriteMessages write:
                foreach (var e in write.Write.Events) write.PersistentActor.Tell(new WriteMessageFailure(e.SequenceNr, cause, write.ActorInstanceId), Self);
                return true;
            case ReplayMessages replay:
                replay.PersistentActor.Tell(new ReplayMessagesFailure(new RecoveryException(replay.PersistenceId, replay.FromSequenceNr, cause.Message, cause), replay.ActorInstanceId), Self);
                return true;
            case DeleteMessagesTo delete:
                delete.PersistentActor.Tell(new DeleteMessagesFailure(cause, delete.ToSequenceNr), Self);
                return true;
            default:
                return false;
        }
    }

    protected override bool HandleRequest(object message)
    {
        switch (message)
        {
            case WriteMessages write: HandleWrite(write); return true;
            case WriteBatchCompleted completed: HandleBatchCompleted(completed); return true;
            case RecoveryBatchCompleted: HandleRecoveryBatchCompleted(); return true;
            case ReplayMessages replay: HandleReplay(replay); return true;
            case DeleteMessagesTo delete: HandleDelete(delete); return true;
            default: return false;
        }
    }

    private void HandleWrite(WriteMessages write)
    {
        _pending.Enqueue(write);
        _writesInFlight[write.Write.PersistenceId] = _writesInFlight.GetValueOrDefault(write.Write.PersistenceId) + 1;
        if (!_writing) Flush();
    }

    private void Flush()
    {
        var batch = new List<WriteMessages>(Math.Min(_pending.Count, _maxBatchSize));
        while (batch.Count < _maxBatchSize && _pending.TryDequeue(out var w)) batch.Add(w);
        _writing = true;
        var writes = batch.Select(b => b.Write).ToList();
        _storage.WriteAsync(writes).PipeTo(Self, Self,
            results => new WriteBatchCompleted(batch, results, null),
            failure => new WriteBatchCompleted(batch, null, failure));
    }

    private void HandleBatchCompleted(WriteBatchCompleted completed)
    {
        _writing = false;
        var maxOrdering = 0L;
        HashSet<string>? tags = null;
        for (var i = 0; i < completed.Batch.Count; i++)
        {
            var write = completed.Batch[i];
            var result = completed.Results?[i];
            var events = write.Write.Events;
            if (result is { Succeeded: true })
            {
                for (var j = 0; j < events.Count; j++)
                {
                    write.PersistentActor.Tell(new WriteMessageSuccess(events[j].SequenceNr, result.Orderings[j], write.ActorInstanceId), Self);
                    maxOrdering = Math.Max(maxOrdering, result.Orderings[j]);
                    foreach (var tag in events[j].Tags) (tags ??= new(StringComparer.Ordinal)).Add(tag);
                }
            }
            else
            {
                var cause = result?.Error ?? completed.Failure ?? new InvalidOperationException("The journal returned no result for a write.");
                foreach (var e in events) write.PersistentActor.Tell(new WriteMessageFailure(e.SequenceNr, cause, write.ActorInstanceId), Self);
            }
            WriteFinished(write.Write.PersistenceId);
        }
        if (maxOrdering > 0) _notifier.Notify(maxOrdering);
        if (_pending.Count > 0) Flush();
    }

    private void WriteFinished(string persistenceId)
    {
        var left = _writesInFlight[persistenceId] - 1;
        if (left > 0)
        {
            _writesInFlight[persistenceId] = left;
            return;
        }
        _writesInFlight.Remove(persistenceId);
        if (_deferredReplays.Remove(persistenceId, out var replays))
            foreach (var r in replays) StartReplay(r);
    }

    /// <summary>A replay waits for the id's writes in flight, so a restarted actor never misses its own last events.</summary>
    private void HandleReplay(ReplayMessages replay)
    {
        if (_writesInFlight.ContainsKey(replay.PersistenceId))
        {
            if (!_deferredReplays.TryGetValue(replay.PersistenceId, out var list)) _deferredReplays[replay.PersistenceId] = list = [];
            list.Add(replay);
            return;
        }
        StartReplay(replay);
    }

    private void StartReplay(ReplayMessages replay)
    {
        if (replay.ToSequenceNr != long.MaxValue || replay.Max != long.MaxValue)
        {
            _ = ReplayAsync(replay, _storage, _serialization, Self, Log);
            return;
        }

        // A whole recovery (what every persistent actor asks at start): batched like writes, one query
        // for the recoveries that queued while the previous query ran.
        _recoveries.Add(replay);
        if (!_recovering) FlushRecoveries();
    }

    private void FlushRecoveries()
    {
        var batch = _recoveries.GetRange(0, Math.Min(_recoveries.Count, _maxBatchSize));
        _recoveries.RemoveRange(0, batch.Count);
        _recovering = true;
        _ = RecoverBatchAsync(batch, _storage, _serialization, Self, Log);
    }

    private void HandleRecoveryBatchCompleted()
    {
        _recovering = false;
        if (_recoveries.Count > 0) FlushRecoveries();
    }

    private static async Task RecoverBatchAsync(List<ReplayMessages> batch, IJournalStorage storage, SerializationRegistry serialization, IActorRef journal, ILogger log)
    {
        try
        {
            var queries = batch.ConvertAll(r => new RecoveryQuery(r.PersistenceId, r.FromSequenceNr));
            IReadOnlyList<RecoveredEvents> results;
            try
            {
                results = await storage.RecoverManyAsync(queries).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var replay in batch) ReplayFailed(replay, new RecoveryException(replay.PersistenceId, replay.FromSequenceNr, $"replay failed: {e.Message}", e), journal, log);
                return;
            }

            for (var i = 0; i < batch.Count; i++) Deliver(batch[i], results[i], serialization, journal, log);
        }
        finally
        {
            journal.Tell(RecoveryBatchCompleted.Instance, journal);
        }
    }

    /// <summary>Sends one recovery's events and its end; an event that cannot be read fails that recovery only.</summary>
    private static void Deliver(ReplayMessages replay, RecoveredEvents recovered, SerializationRegistry serialization, IActorRef journal, ILogger log)
    {
        var lastSeen = 0L;
        try
        {
            foreach (var repr in recovered.Events)
            {
                replay.PersistentActor.Tell(Replayed(replay, repr, serialization), journal);
                lastSeen = repr.SequenceNr;
            }
        }
        catch (RecoveryException cause)
        {
            ReplayFailed(replay, cause, journal, log);
            return;
        }

        replay.PersistentActor.Tell(new RecoverySuccess(Math.Max(recovered.HighestSequenceNr, lastSeen), replay.ActorInstanceId), journal);
    }

    private static async Task ReplayAsync(ReplayMessages replay, IJournalStorage storage, SerializationRegistry serialization, IActorRef journal, ILogger log)
    {
        var lastSeen = 0L;
        try
        {
            await foreach (var repr in storage.ReplayAsync(replay.PersistenceId, replay.FromSequenceNr, replay.ToSequenceNr, replay.Max).ConfigureAwait(false))
            {
                lastSeen = repr.SequenceNr;
                replay.PersistentActor.Tell(Replayed(replay, repr, serialization), journal);
            }
            var highest = await storage.ReadHighestSequenceNrAsync(replay.PersistenceId).ConfigureAwait(false);
            replay.PersistentActor.Tell(new RecoverySuccess(Math.Max(highest, lastSeen), replay.ActorInstanceId), journal);
        }
        catch (Exception e)
        {
            ReplayFailed(replay, e as RecoveryException ?? new RecoveryException(replay.PersistenceId, lastSeen + 1, $"replay failed after event {lastSeen}: {e.Message}", e), journal, log);
        }
    }

    /// <summary>One stored event, decoded for its actor; a <see cref="RecoveryException"/> naming it when it cannot be read.</summary>
    private static ReplayedMessage Replayed(ReplayMessages replay, PersistentRepr repr, SerializationRegistry serialization)
    {
        try
        {
            return new ReplayedMessage(repr, serialization.Deserialize(repr.Manifest, repr.Payload), replay.ActorInstanceId);
        }
        catch (Exception e)
        {
            throw new RecoveryException(replay.PersistenceId, repr.SequenceNr,
                $"event {repr.SequenceNr} (manifest '{repr.Manifest}', ordering {repr.Ordering}) cannot be read: {e.Message}", e);
        }
    }

    private static void ReplayFailed(ReplayMessages replay, RecoveryException cause, IActorRef journal, ILogger log)
    {
        PersistenceLog.ReplayFailed(log, cause, replay.PersistenceId);
        replay.PersistentActor.Tell(new ReplayMessagesFailure(cause, replay.ActorInstanceId), journal);
    }

    private void HandleDelete(DeleteMessagesTo delete)
    {
        var replyTo = delete.PersistentActor;
        _storage.DeleteMessagesToAsync(delete.PersistenceId, delete.ToSequenceNr).PipeTo(replyTo, Self,
            () => new DeleteMessagesSuccess(delete.ToSequenceNr),
            cause => new DeleteMessagesFailure(cause, delete.ToSequenceNr));
    }
}
