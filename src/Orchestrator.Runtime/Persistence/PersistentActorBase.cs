using Orchestrator.Runtime.Dispatch;
using Orchestrator.Runtime.Persistence.Journal;
using Orchestrator.Runtime.Persistence.Snapshot;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence;

/// <summary>
/// An event-sourced actor. On start it recovers its state (latest snapshot, then the events after
/// it) before processing any command. A command handler calls <see cref="Persist{TEvent}"/>; the
/// event's handler runs only after the event is durable, in order, with the original sender, and
/// commands arriving meanwhile wait (stashed) until every pending handler has run.
/// </summary>
/// <remarks>
/// Failures: a write that fails (database error, or another writer already has the sequence
/// number) logs its cause and stops the actor (except the first write of an actor that skipped
/// recovery, see <see cref="SkipsRecoveryFor"/>); an event that cannot be serialized is rejected
/// (<see cref="OnPersistRejected"/>) and the actor goes on; recovery that fails (an unreadable
/// event) stops the actor with an error naming the persistence id and sequence number.
/// </remarks>
public abstract partial class PersistentActorBase : ActorBase
{
    private static int _instanceCounter;

    private readonly List<Envelope> _internalStash = [];
    private readonly Queue<PendingHandler> _pending = new();
    private List<AtomicWrite>? _batch;
    private Phase _phase = Phase.WaitingForSnapshot;
    private int _instanceId;
    private long _nextSequenceNr;
    private string _writerId = "";
    private Persistence? _persistence;
    private bool _verified = true;
    private Envelope? _unverifiedCommand;

    private enum Phase { AwaitingFirstMessage, WaitingForSnapshot, Replaying, Processing, Persisting, Stopped }

    private sealed record PendingHandler(long SequenceNr, object Event, Action<object> Handler, IActorRef? Sender);

    /// <summary>The stable id of this entity's event log, e.g. <c>Pod/default/web-1</c>.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Sequence number of the last event persisted or replayed (0 for a new entity).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Sequence number covered by the snapshot recovery started from (0 when none).</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> has been handled.</summary>
    public bool IsRecovering => _phase is Phase.AwaitingFirstMessage or Phase.WaitingForSnapshot or Phase.Replaying;

    /// <summary>Global ordering of the last event persisted or replayed (0 when none, or when recovery ended at a snapshot with no later event).</summary>
    public long LastOrdering { get; private set; }

    /// <summary>
    /// Commands a new incarnation may handle without recovering first, against its initial (empty) state: commands that
    /// can only succeed on an entity with no events yet, such as a create. Null (the default): every incarnation
    /// recovers at start, before any command.
    /// </summary>
    /// <remarks>
    /// <para>With a predicate, a new incarnation waits for its first message. One the predicate accepts is handled at
    /// once; its events are written from sequence number 1, and the journal refuses them when the entity already has
    /// events (or had them, deleted). On that refusal nothing is lost: the actor recovers as usual and handles the same
    /// command again against its real state (a create then answers "already exists"). On success the entity is known
    /// to be new, and <see cref="RecoveryCompleted"/> is delivered just before the first event's handler. Any other
    /// first message starts the usual recovery. This saves a new entity the snapshot load and the replay, the two
    /// storage round trips a create would otherwise wait for.</para>
    /// <para>The contract: a command the predicate accepts must have no effect except through <c>Persist</c> (state
    /// changes and replies in the persist handler), except an answer that does not depend on state (a validation
    /// error), because its effects are undone by recovering when the guess was wrong.</para>
    /// </remarks>
    protected virtual Predicate<object>? SkipsRecoveryFor => null;

    /// <summary>Which snapshot to start recovery from; <see cref="SnapshotCriteria.None"/> replays every event.</summary>
    protected virtual SnapshotCriteria RecoverySnapshotCriteria => SnapshotCriteria.Latest;

    /// <summary>Handles a recovery message: a replayed event, a <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>Tags stored with <paramref name="event"/> for EventsByTag (default: none; a <see cref="Tagged"/> wrapper adds its own).</summary>
    protected virtual IReadOnlyList<string> TagsFor(object @event) => [];

    /// <summary>Persists <paramref name="event"/>; <paramref name="handler"/> runs once it is durable.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistAll([@event], handler);

    /// <summary>Persists <paramref name="events"/> atomically; <paramref name="handler"/> runs for each, in order, once all are durable.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        if (IsRecovering) throw new InvalidOperationException($"{PersistenceId}: cannot persist while recovering.");
        var reprs = new List<PersistentRepr>();
        var pending = new List<PendingHandler>();
        var sequenceNr = _nextSequenceNr;
        foreach (var item in events)
        {
            object stored = item;
            IReadOnlyList<string> tags;
            if (item is Tagged tagged)
            {
                stored = tagged.Payload;
                tags = tagged.Tags;
            }
            else tags = TagsFor(item);

            string manifest;
            byte[] payload;
            try
            {
                (manifest, payload) = Context.System.Serialization.Serialize(stored);
            }
            catch (Exception e)
            {
                // Rejected before any sequence number is used, so the log keeps no gap.
                OnPersistRejected(e, stored, sequenceNr + 1);
                return;
            }
            sequenceNr++;
            reprs.Add(new PersistentRepr(PersistenceId, sequenceNr, manifest, payload, tags, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _writerId));
            pending.Add(new PendingHandler(sequenceNr, item, e => handler((TEvent)e), Sender));
        }
        if (reprs.Count == 0) return;
        _nextSequenceNr = sequenceNr;
        foreach (var p in pending) _pending.Enqueue(p);
        (_batch ??= []).Add(new AtomicWrite(reprs));
    }

    /// <summary>Saves <paramref name="snapshot"/> as of <see cref="LastSequenceNr"/>; the reply is a <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> command.</summary>
    protected void SaveSnapshot(object snapshot) =>
        PersistenceExtension.SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, LastSequenceNr, DateTimeOffset.UtcNow), snapshot), Self);

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the reply is <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessages(long toSequenceNr) =>
        PersistenceExtension.Journal.Tell(new DeleteMessagesTo(PersistenceId, Math.Min(toSequenceNr, LastSequenceNr), Self), Self);

    /// <summary>Deletes snapshots matching <paramref name="criteria"/>; the reply is <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotCriteria criteria) =>
        PersistenceExtension.SnapshotStore.Tell(new DeleteSnapshots(PersistenceId, criteria), Self);

    /// <summary>Called when a write failed; the actor is stopped afterwards. Logs by default.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        PersistenceLog.PersistFailed(Log, cause, PersistenceId, sequenceNr);

    /// <summary>Called when an event was rejected before writing (it cannot be serialized); the actor goes on. Logs by default.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistenceLog.PersistRejected(Log, cause, PersistenceId, @event.GetType().Name);

    /// <summary>Called when recovery failed; the actor is stopped afterwards. Logs by default.</summary>
    protected virtual void OnRecoveryFailure(Exception cause) =>
        PersistenceLog.RecoveryFailed(Log, cause, PersistenceId);

    /// <summary>Commands go to <see cref="ReceiveCommand"/>; persistent actors have no other behaviour.</summary>
    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    private Persistence PersistenceExtension => _persistence ??= Persistence.Get(Context.System);
}
