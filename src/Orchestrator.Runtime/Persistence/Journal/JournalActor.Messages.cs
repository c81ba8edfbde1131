using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Journal;

/// <summary>Write one Persist/PersistAll call's events; the journal answers each event with success or failure, in order.</summary>
internal sealed record WriteMessages(AtomicWrite Write, IActorRef PersistentActor, int ActorInstanceId);

/// <summary>An event is durable at <paramref name="Ordering"/>.</summary>
internal sealed record WriteMessageSuccess(long SequenceNr, long Ordering, int ActorInstanceId);

/// <summary>An event could not be written (a database error or a second writer); the actor must stop.</summary>
internal sealed record WriteMessageFailure(long SequenceNr, Exception Cause, int ActorInstanceId);

/// <summary>Replay events of <paramref name="PersistenceId"/> from <paramref name="FromSequenceNr"/> to the actor.</summary>
internal sealed record ReplayMessages(string PersistenceId, long FromSequenceNr, long ToSequenceNr, long Max, IActorRef PersistentActor, int ActorInstanceId);

/// <summary>One replayed event, already deserialized.</summary>
internal sealed record ReplayedMessage(PersistentRepr Repr, object Event, int ActorInstanceId);

/// <summary>Replay finished; <paramref name="HighestSequenceNr"/> is the highest ever written for the id.</summary>
internal sealed record RecoverySuccess(long HighestSequenceNr, int ActorInstanceId);

/// <summary>Replay failed (database error or an event that cannot be read).</summary>
internal sealed record ReplayMessagesFailure(Exception Cause, int ActorInstanceId);

/// <summary>Delete events up to a sequence number.</summary>
internal sealed record DeleteMessagesTo(string PersistenceId, long ToSequenceNr, IActorRef PersistentActor);

/// <summary>A batch write finished (sent by the journal to itself).</summary>
internal sealed record WriteBatchCompleted(IReadOnlyList<WriteMessages> Batch, IReadOnlyList<WriteResult>? Results, Exception? Failure);

/// <summary>A batch of recoveries finished (sent by the journal to itself).</summary>
internal sealed class RecoveryBatchCompleted
{
    /// <summary>The one instance.</summary>
    public static readonly RecoveryBatchCompleted Instance = new();
    private RecoveryBatchCompleted() { }
}
