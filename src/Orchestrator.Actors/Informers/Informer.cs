using System.Collections.Immutable;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Informers;

/// <summary>
/// Lists one <see cref="InformerSpec"/> from the object store, then watches from the list's resourceVersion,
/// keeping a cache of key → object and telling subscribers every change (see <see cref="SubscribeInformer"/>).
/// A watch that ends (410 Expired, an error, its read model stopping) or a List that fails leads to a new
/// List after a back-off; the new List is compared with the cache so subscribers see the differences as
/// ordinary added / updated / deleted notifications.
/// </summary>
/// <remarks>
/// The cache is an <see cref="ImmutableDictionary{TKey,TValue}"/> handed out with every notification: each
/// change makes a new map that shares almost all of the old one, so there is no shared mutable state, no
/// copy per subscriber, and a subscriber's view is exactly the cache as of the notification it is handling.
/// </remarks>
public sealed class Informer : ReceiveActor, IWithTimers
{
    private const string RelistTimer = "relist";
    private const string ResyncTimer = "resync";

    private readonly IActorRef _store;
    private readonly InformerSpec _spec;
    private readonly InformerOptions _options;
    private readonly HashSet<IActorRef> _subscribers = [];
    private ImmutableDictionary<string, IKubernetesObject> _cache = ImmutableDictionary.Create<string, IKubernetesObject>(StringComparer.Ordinal);
    private string _resourceVersion = "";
    private bool _synced;
    private int _listGeneration;
    private bool _awaitingWatchStart;
    private string? _watchId;
    private IActorRef? _watchSource;
    private TimeSpan _nextBackoff;

    /// <summary>An informer of <paramref name="spec"/> reading from <paramref name="store"/>.</summary>
    public Informer(IActorRef store, InformerSpec spec, InformerOptions options)
    {
        _store = store;
        _spec = spec;
        _options = options;
        _nextBackoff = options.RelistBackoffMin;
        Receive<SubscribeInformer>(HandleSubscribe);
        Receive<UnsubscribeInformer>(HandleUnsubscribe);
        Receive<Listed>(HandleListed);
        Receive<ListFailed>(HandleListFailed);
        Receive<Relist>(_ => StartList());
        Receive<Resync>(_ => HandleResync());
        Receive<WatchStarted>(HandleWatchStarted);
        Receive<WatchEvent>(HandleWatchEvent);
        Receive<Terminated>(HandleTerminated);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of an informer.</summary>
    public static Props Props(IActorRef store, InformerSpec spec, InformerOptions options) =>
        Runtime.Props.Create(() => new Informer(store, spec, options));

    private sealed record Listed(int Generation, ObjectList List);

    private sealed record ListFailed(int Generation, Exception Cause);

    private sealed record Relist;

    private sealed record Resync;

    /// <inheritdoc />
    protected override void PreStart()
    {
        StartList();
        if (_options.ResyncInterval is { } every)
        {
            Timers.StartPeriodicTimer(ResyncTimer, new Resync(), every);
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => CancelWatch();

    private void HandleSubscribe(SubscribeInformer subscribe)
    {
        var subscriber = subscribe.Subscriber ?? Sender;
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
        }

        if (_synced)
        {
            subscriber.Tell(new InformerSynced(_spec, _cache, _resourceVersion), Self);
        }
    }

    private void HandleUnsubscribe(UnsubscribeInformer unsubscribe)
    {
        var subscriber = unsubscribe.Subscriber ?? Sender;
        if (_subscribers.Remove(subscriber))
        {
            Context.Unwatch(subscriber);
        }
    }

    private void StartList()
    {
        var generation = ++_listGeneration;
        var request = new ListObjects(_spec.Group, _spec.Kind, _spec.Namespace, _spec.LabelSelector, _spec.FieldSelector);
        _store.Ask<ObjectList>(request, _options.RequestTimeout)
            .PipeTo(Self, success: list => new Listed(generation, list), failure: cause => new ListFailed(generation, cause));
    }

    private void HandleListFailed(ListFailed failed)
    {
        if (failed.Generation == _listGeneration)
        {
            ScheduleRelist($"the List failed: {failed.Cause.Message}", backoff: true);
        }
    }

    private void HandleListed(Listed listed)
    {
        if (listed.Generation != _listGeneration)
        {
            return;
        }

        if (!listed.List.IsSuccess)
        {
            ScheduleRelist($"the List failed: {listed.List.Error}", backoff: true);
            return;
        }

        _nextBackoff = _options.RelistBackoffMin;
        var previous = _cache;
        var builder = ImmutableDictionary.CreateBuilder<string, IKubernetesObject>(StringComparer.Ordinal);
        foreach (var item in listed.List.Items)
        {
            builder[CacheKeys.Of(item)] = item;
        }

        _cache = builder.ToImmutable();
        _resourceVersion = listed.List.ResourceVersion;
        if (_synced)
        {
            NotifyDifferences(previous);
        }
        else
        {
            _synced = true;
            InformerLog.Synced(Log, _spec.ToString(), _cache.Count, _resourceVersion);
            Broadcast(new InformerSynced(_spec, _cache, _resourceVersion));
        }

        _awaitingWatchStart = true;
        _store.Tell(new WatchObjects(_spec.Group, _spec.Kind, _spec.Namespace, _spec.LabelSelector, _spec.FieldSelector, _resourceVersion), Self);
    }

    /// <summary>After a re-list: what changed while the informer was not watching, told as ordinary notifications.</summary>
    private void NotifyDifferences(ImmutableDictionary<string, IKubernetesObject> previous)
    {
        foreach (var (key, old) in previous)
        {
            if (!_cache.TryGetValue(key, out var now))
            {
                Broadcast(new ObjectDeleted(_spec, old, _cache, _resourceVersion));
            }
            else if (now.Metadata.ResourceVersion != old.Metadata.ResourceVersion || now.Metadata.Uid != old.Metadata.Uid)
            {
                Broadcast(new ObjectUpdated(_spec, old, now, _cache, _resourceVersion));
            }
        }

        foreach (var (key, now) in _cache)
        {
            if (!previous.ContainsKey(key))
            {
                Broadcast(new ObjectAdded(_spec, now, _cache, _resourceVersion));
            }
        }
    }

    private void HandleWatchStarted(WatchStarted started)
    {
        if (!_awaitingWatchStart)
        {
            // A watch this informer no longer wants (it re-listed meanwhile).
            Sender.Tell(new CancelWatch(_spec.Group, _spec.Kind, started.WatchId), Self);
            return;
        }

        _awaitingWatchStart = false;
        _watchId = started.WatchId;
        _watchSource = Sender;
        Context.Watch(_watchSource);
    }

    private void HandleWatchEvent(WatchEvent e)
    {
        if (e.Type == WatchEventType.Error)
        {
            var ours = e.WatchId.Length == 0 ? _awaitingWatchStart : e.WatchId == _watchId;
            if (ours)
            {
                var expired = e.Error?.Reason == StatusError.ExpiredReason;
                _watchId = null; // it ended: nothing to cancel
                ScheduleRelist($"the watch ended: {e.Error}", backoff: !expired);
            }

            return;
        }

        if (e.WatchId != _watchId)
        {
            return;
        }

        _resourceVersion = e.ResourceVersion;
        if (e.Object is not { } obj)
        {
            return; // a bookmark
        }

        var key = CacheKeys.Of(obj);
        if (e.Type == WatchEventType.Deleted)
        {
            _cache = _cache.Remove(key);
            Broadcast(new ObjectDeleted(_spec, obj, _cache, _resourceVersion));
            return;
        }

        var existed = _cache.TryGetValue(key, out var old);
        _cache = _cache.SetItem(key, obj);
        Broadcast(existed ? new ObjectUpdated(_spec, old!, obj, _cache, _resourceVersion) : new ObjectAdded(_spec, obj, _cache, _resourceVersion));
    }

    private void HandleTerminated(Terminated terminated)
    {
        if (_subscribers.Remove(terminated.ActorRef))
        {
            return;
        }

        if (Equals(terminated.ActorRef, _watchSource))
        {
            _watchSource = null;
            _watchId = null; // it ended with its read model: nothing to cancel
            ScheduleRelist("the watch's read model stopped", backoff: true);
        }
    }

    private void HandleResync()
    {
        if (_synced)
        {
            Broadcast(new InformerResynced(_spec, _cache, _resourceVersion));
        }
    }

    private void ScheduleRelist(string reason, bool backoff)
    {
        CancelWatch();
        _listGeneration++; // a List still in flight is no longer wanted
        var delay = backoff ? _nextBackoff : _options.RelistBackoffMin;
        if (backoff)
        {
            var doubled = TimeSpan.FromTicks(Math.Min(_nextBackoff.Ticks * 2, _options.RelistBackoffMax.Ticks));
            _nextBackoff = doubled;
        }

        InformerLog.Relisting(Log, _spec.ToString(), delay, reason);
        Timers.StartSingleTimer(RelistTimer, new Relist(), delay);
    }

    private void CancelWatch()
    {
        if (_watchId is not null)
        {
            (_watchSource ?? _store).Tell(new CancelWatch(_spec.Group, _spec.Kind, _watchId), Self);
        }

        if (_watchSource is not null)
        {
            Context.Unwatch(_watchSource);
        }

        _watchId = null;
        _watchSource = null;
        _awaitingWatchStart = false;
    }

    private void Broadcast(InformerNotification notification)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(notification, Self);
        }
    }
}
