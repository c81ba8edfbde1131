using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence.Query;
using PersistenceExtension = Orchestrator.Runtime.Persistence.Persistence;

namespace Orchestrator.Actors.Store.GarbageCollection;

/// <summary>
/// Owner-reference garbage collection (Background, Foreground, Orphan) and namespace lifecycle
/// (deleting a namespace deletes everything in it). Fed by the <c>all-objects</c> event stream (the
/// same tagged events the read models use) into an <see cref="OwnerGraph"/>; every event syncs the
/// objects it can affect through the pure <see cref="CollectorRules"/>, and commands go through the
/// object store like any client's.
/// </summary>
public sealed class GarbageCollector : ReceiveActor, IWithStash, IWithTimers
{
    private readonly IActorRef _store;
    private readonly TimeSpan _resyncInterval;
    private readonly OwnerGraph _graph;
    private readonly ReadJournal _query;
    private readonly CancellationTokenSource _live = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private long _applied;

    /// <summary>A collector sending its commands to <paramref name="store"/>.</summary>
    public GarbageCollector(IActorRef store, KindCatalog catalog, TimeSpan resyncInterval)
    {
        _store = store;
        _resyncInterval = resyncInterval;
        _graph = new OwnerGraph(catalog);
        _query = PersistenceExtension.Get(Context.System).Query;
        Receive<Loaded>(HandleLoaded);
        Receive<Status.Failure>(f => throw new InvalidOperationException("The garbage collector cannot read the journal.", f.Cause));
        ReceiveAny(_ => Stash.Stash());
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a collector.</summary>
    public static Props Props(IActorRef store, KindCatalog catalog, TimeSpan resyncInterval) =>
        Runtime.Props.Create(() => new GarbageCollector(store, catalog, resyncInterval));

    private sealed record Loaded(IReadOnlyList<EventEnvelope> Events);

    private sealed record LiveEvent(EventEnvelope Envelope);

    private sealed record ActionDone(string Id, string Uid, string? Failure);

    private sealed record Resync;

    /// <inheritdoc />
    protected override void PreStart() => Load().PipeTo(Self, Self);

    /// <inheritdoc />
    protected override void PostStop() => _live.Cancel();

    private async Task<Loaded> Load()
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in _query.CurrentEventsByTag(ResourceEventManifests.AllObjectsTag).ConfigureAwait(false)) events.Add(e);
        return new Loaded(events);
    }

    private void HandleLoaded(Loaded loaded)
    {
        // Decisions wait for the whole history: an intermediate state would delete what is already gone.
        foreach (var e in loaded.Events) Apply(e, sync: false);
        Become(() =>
        {
            Receive<LiveEvent>(e => Apply(e.Envelope, sync: true));
            Receive<ActionDone>(HandleActionDone);
            Receive<Resync>(_ => SyncAll());
            Receive<Status.Failure>(f => throw new InvalidOperationException("The garbage collector's event stream failed.", f.Cause));
        });
        StartLiveStream();
        SyncAll();
        Timers.StartPeriodicTimer("resync", new Resync(), _resyncInterval);
        Stash.UnstashAll();
    }

    private void StartLiveStream()
    {
        var self = Self;
        var token = _live.Token;
        var from = _applied;
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in _query.EventsByTag(ResourceEventManifests.AllObjectsTag, from, token).ConfigureAwait(false))
                    self.Tell(new LiveEvent(e), self);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // stopped
            }
            catch (Exception e)
            {
                self.Tell(new Status.Failure(e), self);
            }
        }, CancellationToken.None);
    }

    private void Apply(EventEnvelope envelope, bool sync)
    {
        if (envelope.Offset <= _applied || envelope.Event is not ResourceEvent e) return;
        _applied = envelope.Offset;
        var obj = ObjectMetadata.Read(e.Object);
        var (before, after) = _graph.Apply(e, obj);
        if (!sync) return;
        var uid = obj.Metadata.Uid ?? "";
        var affected = new HashSet<string>(StringComparer.Ordinal) { uid };
        foreach (var owner in (before?.OwnerUids ?? []).Concat(after?.OwnerUids ?? [])) affected.Add(owner);
        if (after is null)
        {
            foreach (var dependent in _graph.DependentsOf(uid)) affected.Add(dependent);
        }

        if (obj.Metadata.Namespace is { } ns && _graph.NamespaceUid(ns) is { } nsUid) affected.Add(nsUid);
        foreach (var id in affected) Sync(id);
    }

    private void HandleActionDone(ActionDone done)
    {
        _inFlight.Remove(done.Id);
        // NotFound and Conflict only mean the object moved on; its next event syncs it again.
        if (done.Failure is { } failure) StoreLog.CollectorActionFailed(Log, done.Id, failure);
        else Sync(done.Uid);
    }

    private void SyncAll()
    {
        foreach (var node in _graph.All.ToList()) Sync(node.Uid);
    }

    private void Sync(string uid)
    {
        foreach (var action in CollectorRules.Sync(_graph, uid).ToList())
        {
            if (!_inFlight.Add(action.Id)) continue;
            var id = action.Id;
            _store.Ask<ObjectReply>(action.Command).PipeTo(Self, Self,
                reply => new ActionDone(id, uid, reply.Error is { Reason: not (StatusError.NotFoundReason or StatusError.ConflictReason) } e ? e.ToString() : null),
                cause => new ActionDone(id, uid, cause.Message));
        }
    }
}
