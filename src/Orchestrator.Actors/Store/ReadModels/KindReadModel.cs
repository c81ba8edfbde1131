using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model.Registry;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence.Query;
using PersistenceExtension = Orchestrator.Runtime.Persistence.Persistence;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>
/// The current objects of one kind, derived from the events tagged with the kind, serving List and Watch.
/// </summary>
/// <remarks>
/// Two feeds, applied in journal order, each event once (an event at or below the last applied
/// ordering is skipped): a live EventsByTag stream, and catch-ups (HighestOffset, then
/// CurrentEventsByTag) that prove "every event of this kind up to ordering H is applied" even when
/// the kind has no new events. <c>_consistent</c> is that H; Lists answer at it, and a List that needs
/// more (a consistent read, or a resourceVersion not reached yet) waits for a catch-up started after
/// it arrived. Watches resume from the bounded <see cref="WatchHistory"/>.
/// </remarks>
public sealed partial class KindReadModel : ReceiveActor, IWithStash, IWithTimers
{
    private readonly ResourceType _type;
    private readonly StoreSettings _settings;
    private readonly ReadJournal _query;
    private readonly KindIndex _index = new();
    private readonly WatchHistory _history;
    private readonly ListCursors _cursors;
    private readonly List<ParkedRequest> _parked = [];
    private readonly CancellationTokenSource _live = new();
    private long _applied;
    private long _consistent;
    private int _catchUpsStarted;
    private int _catchUpsCompleted;
    private bool _catchUpInFlight;
    private bool _catchUpWanted;

    /// <summary>The read model of <paramref name="type"/>.</summary>
    public KindReadModel(ResourceType type, StoreSettings settings)
    {
        _type = type;
        _settings = settings;
        _history = new WatchHistory(settings.WatchHistorySize);
        _cursors = new ListCursors(settings.ListContinueTtl, settings.ListContinueMax);
        _query = PersistenceExtension.Get(Context.System).Query;
        Receive<CaughtUp>(HandleCaughtUp);
        Receive<Status.Failure>(f => throw new InvalidOperationException($"The {type.Kind} read model cannot read the journal.", f.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record CaughtUp(int Sequence, long Head, IReadOnlyList<EventEnvelope> Events);

    private sealed record LiveEvent(EventEnvelope Envelope);

    private sealed record LiveFailed(Exception Cause);

    private sealed record Tick;

    /// <summary>A List (or a Watch from "now") waiting until the model is consistent enough to answer it.</summary>
    private sealed record ParkedRequest(object Request, IActorRef ReplyTo, long MinVersion, int NeedsCatchUp, DateTimeOffset Deadline);

    /// <inheritdoc />
    protected override void PreStart() => StartCatchUp();

    /// <inheritdoc />
    protected override void PostStop()
    {
        _live.Cancel();
        // Clients must not wait on a model that is gone (a restart rebuilds it): their watches end with
        // 410 Expired, which makes Kubernetes clients list again, and waiting lists fail.
        if (_watchers.Count > 0) StoreLog.ReadModelStopped(Log, _type.Kind, _watchers.Count);
        var ended = Errors.StatusError.Gone($"the {_type.Kind} read model stopped; list again");
        foreach (var watcher in _watchers.Values) watcher.Subscriber.Tell(new WatchEvent(watcher.Id, WatchEventType.Error, null, Version, ended), Self);
        foreach (var parked in _parked) Fail(parked, ended);
        _watchers.Clear();
        _parked.Clear();
    }

    private void Ready()
    {
        Become(() =>
        {
            Receive<LiveEvent>(e => Apply(e.Envelope));
            Receive<CaughtUp>(HandleCaughtUp);
            Receive<LiveFailed>(f => throw new InvalidOperationException($"The {_type.Kind} event stream failed.", f.Cause));
            Receive<Status.Failure>(f => throw new InvalidOperationException($"The {_type.Kind} read model cannot read the journal.", f.Cause));
            Receive<ListObjects>(HandleList);
            Receive<WatchObjects>(HandleWatch);
            Receive<CancelWatch>(c => RemoveWatcher(c.WatchId));
            Receive<Terminated>(t => RemoveWatchersOf(t.ActorRef));
            Receive<Tick>(_ => OnTick());
            Receive<SendBookmarks>(_ => SendBookmarksToAll());
        });
        Timers.StartPeriodicTimer("bookmarks", new SendBookmarks(), _settings.BookmarkInterval);
        StartLiveStream();
        Stash.UnstashAll();
    }

    private void StartLiveStream()
    {
        var self = Self;
        var from = _applied;
        var token = _live.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in _query.EventsByTag(_type.Kind, from, token).ConfigureAwait(false)) self.Tell(new LiveEvent(e), self);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // stopped
            }
            catch (Exception e)
            {
                self.Tell(new LiveFailed(e), self);
            }
        }, CancellationToken.None);
    }

    private void StartCatchUp()
    {
        if (_catchUpInFlight)
        {
            _catchUpWanted = true;
            return;
        }

        _catchUpInFlight = true;
        _catchUpWanted = false;
        var sequence = ++_catchUpsStarted;
        RunCatchUp(sequence, _applied).PipeTo(Self, Self);
    }

    private async Task<CaughtUp> RunCatchUp(int sequence, long from)
    {
        // The head is read first: every event of this kind up to it is then in the current query.
        var head = await _query.HighestOffsetAsync().ConfigureAwait(false);
        var events = new List<EventEnvelope>();
        await foreach (var e in _query.CurrentEventsByTag(_type.Kind, from).ConfigureAwait(false)) events.Add(e);
        return new CaughtUp(sequence, head, events);
    }

    private void HandleCaughtUp(CaughtUp caughtUp)
    {
        var first = _catchUpsCompleted == 0;
        foreach (var e in caughtUp.Events) Apply(e);
        var progressed = caughtUp.Head > _consistent;
        _consistent = Math.Max(_consistent, caughtUp.Head);
        _catchUpsCompleted = caughtUp.Sequence;
        _catchUpInFlight = false;
        if (first) Ready();
        ServeParked();
        if (_catchUpWanted || (_parked.Count > 0 && progressed)) StartCatchUp();
    }

    /// <summary>Applies one event, unless an earlier feed already did.</summary>
    private void Apply(EventEnvelope envelope)
    {
        if (envelope.Offset <= _applied || envelope.Event is not ResourceEvent e) return;
        if (e.Object["apiVersion"]?.GetValue<string>() != _type.ApiVersion)
        {
            // The tag is the kind's name; a kind of the same name in another group shares it.
            _applied = envelope.Offset;
            return;
        }

        var obj = ObjectCodec.FromNode(e.Object, _type);
        obj.Metadata.ResourceVersion = ObjectCodec.FormatVersion(envelope.Offset);
        var key = KindIndex.KeyOf(obj);
        Change change;
        if (e is ObjectRemoved)
        {
            var previous = _index.Remove(key);
            change = new Change(envelope.Offset, WatchEventType.Deleted, obj, previous?.Object);
        }
        else
        {
            var previous = _index.Put(new StoredObject(obj, envelope.Offset));
            change = new Change(envelope.Offset, previous is null ? WatchEventType.Added : WatchEventType.Modified, obj, previous?.Object);
        }

        _applied = envelope.Offset;
        _consistent = Math.Max(_consistent, _applied);
        _history.Add(change);
        Dispatch(change);
        if (_parked.Count > 0) ServeParked();
    }

    private void OnTick()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = _parked.Count - 1; i >= 0; i--)
        {
            var parked = _parked[i];
            if (parked.Deadline > now) continue;
            _parked.RemoveAt(i);
            Fail(parked, Errors.StatusError.Timeout(parked.MinVersion > 0
                ? $"Too large resource version: {parked.MinVersion}, current resource version: {_consistent}"
                : $"the {_type.Kind} read model could not catch up with the journal in time"));
        }

        if (_parked.Count == 0) Timers.Cancel("tick");
        else StartCatchUp();
    }

    private void Fail(ParkedRequest parked, Errors.StatusError error) =>
        parked.ReplyTo.Tell(parked.Request is WatchObjects
            ? new WatchEvent("", WatchEventType.Error, null, Version, error)
            : new ObjectList([], Version, Error: error), Self);

    private string Version => ObjectCodec.FormatVersion(_consistent);
}
