using System.Collections.Immutable;
using Orchestrator.Actors.Informers;
using Orchestrator.Model;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// The skeleton every controller shares: informers (children) feed <see cref="OnNotification"/>, which only
/// enqueues keys; the <see cref="WorkQueue"/> hands each key to <see cref="Sync"/> (at most
/// <see cref="ControllerSettings.Workers"/> at a time, never one key twice at once); a failed sync is retried
/// after the <see cref="RetryLimiter"/>'s delay. Nothing is synced until every informer has synced.
/// </summary>
/// <remarks>
/// <see cref="Sync"/> runs on the actor's thread until its first <c>await</c>: it reads the caches and
/// decides there, and the asynchronous remainder (store calls) must use only what it captured. Its outcome
/// comes back as a message, and <see cref="SyncOutcome.Then"/> runs on the actor's thread again. So the
/// actor never blocks and syncs of different keys overlap.
/// </remarks>
public abstract class ControllerBase : ReceiveActor, IWithTimers
{
    private readonly Dictionary<InformerSpec, ImmutableDictionary<string, IKubernetesObject>?> _caches = [];
    private readonly Dictionary<string, DateTimeOffset> _requeueDue = new(StringComparer.Ordinal);
    private readonly RetryLimiter _retries;
    private int _running;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    protected ControllerBase(IActorRef store, ControllerSettings settings)
    {
        Store = store;
        Settings = settings;
        _retries = new RetryLimiter(settings.Retry, () => DateTimeOffset.UtcNow);
        Expectations = new ControllerExpectations(settings.ExpectationsTimeout, () => DateTimeOffset.UtcNow);
        Receive<InformerNotification>(HandleNotification);
        Receive<SyncDone>(HandleSyncDone);
        Receive<Requeue>(HandleRequeue);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The object store.</summary>
    protected IActorRef Store { get; }

    /// <summary>The controllers' settings.</summary>
    protected ControllerSettings Settings { get; }

    /// <summary>The queue of keys to sync.</summary>
    protected WorkQueue Queue { get; } = new();

    /// <summary>Pending creations and deletions per key.</summary>
    protected ControllerExpectations Expectations { get; }

    /// <summary>True once every informer started with <see cref="Inform"/> has synced.</summary>
    protected bool Synced => _caches.Count > 0 && _caches.Values.All(c => c is not null);

    /// <summary>A short name for logs.</summary>
    protected abstract string Name { get; }

    private sealed record SyncDone(string Key, SyncOutcome? Outcome, Exception? Failure);

    private sealed record Requeue(string Key);

    /// <summary>Starts an informer of <paramref name="spec"/> as a child and subscribes to it; call from the constructor.</summary>
    protected void Inform(InformerSpec spec)
    {
        _caches[spec] = null;
        var informer = Context.ActorOf(Informer.Props(Store, spec, Settings.Informer), "informer-" + Uri.EscapeDataString($"{spec.Group}.{spec.Kind}.{_caches.Count}"));
        informer.Tell(new SubscribeInformer(), Self);
    }

    /// <summary>The current cache of <paramref name="spec"/>'s informer (empty before it synced).</summary>
    protected ImmutableDictionary<string, IKubernetesObject> Cache(InformerSpec spec) =>
        _caches.TryGetValue(spec, out var cache) && cache is not null ? cache : ImmutableDictionary<string, IKubernetesObject>.Empty;

    /// <summary>The objects a notification is about: the object, both states of an update, the last state of a deletion; none for a sync or resync.</summary>
    protected static IEnumerable<IKubernetesObject> Changed(InformerNotification notification) => notification switch
    {
        ObjectAdded added => [added.Object],
        ObjectUpdated updated => [updated.Old, updated.New],
        ObjectDeleted deleted => [deleted.LastState],
        _ => [],
    };

    /// <summary>For an informer of the controller's own kind: every key on a sync or resync, else the changed object's key.</summary>
    protected void EnqueueKeysOf(InformerNotification notification)
    {
        if (notification is InformerSynced or InformerResynced)
        {
            foreach (var key in notification.Cache.Keys) Enqueue(key);
            return;
        }

        foreach (var obj in Changed(notification)) Enqueue(CacheKeys.Of(obj));
    }

    /// <summary>Maps one informer notification to the keys to sync (with <see cref="Enqueue"/>); the cache is already updated.</summary>
    protected abstract void OnNotification(InformerNotification notification);

    /// <summary>Syncs one key: compare desired and observed state, issue commands. See the class remarks on threads.</summary>
    protected abstract Task<SyncOutcome> Sync(string key);

    /// <summary>Queues <paramref name="key"/> for a sync.</summary>
    protected void Enqueue(string key)
    {
        Queue.Add(key);
        Pump();
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> (an earlier pending requeue of the key wins).</summary>
    protected void EnqueueAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }

        var due = DateTimeOffset.UtcNow + delay;
        if (_requeueDue.TryGetValue(key, out var pending) && pending <= due)
        {
            return;
        }

        _requeueDue[key] = due;
        Timers.StartSingleTimer(("requeue", key), new Requeue(key), delay);
    }

    private void HandleNotification(InformerNotification notification)
    {
        var wasSynced = Synced;
        _caches[notification.Source] = notification.Cache;
        OnNotification(notification);
        if (!wasSynced && Synced)
        {
            Pump();
        }
    }

    private void HandleRequeue(Requeue requeue)
    {
        _requeueDue.Remove(requeue.Key);
        Enqueue(requeue.Key);
    }

    private void Pump()
    {
        while (Synced && _running < Settings.Workers && Queue.TryTake(out var key))
        {
            _running++;
            Task<SyncOutcome> task;
            try
            {
                task = Sync(key);
            }
            catch (Exception e)
            {
                task = Task.FromException<SyncOutcome>(e);
            }

            task.PipeTo(Self, Self, success: outcome => new SyncDone(key, outcome, null), failure: cause => new SyncDone(key, null, cause));
        }
    }

    private void HandleSyncDone(SyncDone done)
    {
        _running--;
        done.Outcome?.Then?.Invoke();
        Queue.Done(done.Key);
        var error = done.Failure?.Message ?? done.Outcome?.Error;
        if (error is not null)
        {
            var delay = _retries.NextDelay(done.Key);
            // A Conflict only says the cache was behind a write (often the object's own status): routine, retried at once.
            if (error.Contains(": Conflict (409)", StringComparison.Ordinal) && _retries.Failures(done.Key) < 5)
                ControllerLog.SyncConflict(Log, Name, done.Key, delay, error);
            else
                ControllerLog.SyncFailed(Log, Name, done.Key, _retries.Failures(done.Key), delay, error);
            EnqueueAfter(done.Key, delay);
        }
        else
        {
            _retries.Forget(done.Key);
            if (done.Outcome?.RequeueAfter is { } after)
            {
                EnqueueAfter(done.Key, after);
            }
        }

        Pump();
    }
}
