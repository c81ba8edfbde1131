using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Death watch across processes. The kernel's cells keep their own exactly-once bookkeeping (a
/// Terminated is queued only while the watch is in the watcher's set, so a second notification for
/// the same watch is dropped); this table adds the "at least once" that a network needs: every watch
/// of a remote actor is remembered by the remote address until its notification arrives, and when the
/// association with that address is lost for good, each remembered watch gets one
/// <see cref="DeathWatchNotification"/> with AddressTerminated = true.
/// </summary>
/// <remarks>
/// Entries hold the exact ref object the watcher watched, and notifications are delivered with it, so
/// the watcher's set (compared by path and uid) recognizes them even when the watch was made through a
/// path without uid and the other side answered with the incarnation's uid.
/// The inbound table (remote watchers of local actors) lets a lost address take back its watches, so
/// dead processes do not leave entries in local actors' watcher sets.
/// </remarks>
internal sealed class RemoteWatcher
{
    private readonly object _lock = new();
    private readonly Dictionary<Address, HashSet<WatchPair>> _outbound = new();
    private readonly Dictionary<Address, HashSet<WatchPair>> _inbound = new();

    private readonly record struct WatchPair(IInternalActorRef Watchee, IInternalActorRef Watcher);

    /// <summary>A local actor starts watching a remote one (called before the Watch is queued).</summary>
    public void AddOutbound(IInternalActorRef watchee, IInternalActorRef watcher) =>
        Add(_outbound, watchee.Path.Address, new WatchPair(watchee, watcher));

    /// <summary>A local actor stops watching a remote one.</summary>
    public void RemoveOutbound(IInternalActorRef watchee, IInternalActorRef watcher) =>
        Remove(_outbound, watchee.Path.Address, new WatchPair(watchee, watcher));

    /// <summary>A remote watcher watches a local actor.</summary>
    public void AddInbound(IInternalActorRef watchee, IInternalActorRef watcher) =>
        Add(_inbound, watcher.Path.Address, new WatchPair(watchee, watcher));

    /// <summary>A remote watcher no longer watches a local actor (it unwatched, or the actor stopped).</summary>
    public void RemoveInbound(IInternalActorRef watchee, IInternalActorRef watcher) =>
        Remove(_inbound, watcher.Path.Address, new WatchPair(watchee, watcher));

    /// <summary>Number of watches of remote actors (tests and diagnostics).</summary>
    public int OutboundCount
    {
        get { lock (_lock) return _outbound.Values.Sum(s => s.Count); }
    }

    /// <summary>
    /// The remote actor at <paramref name="deadPath"/> stopped: <paramref name="watcher"/>'s matching
    /// watches are forgotten and each is notified with the ref the watcher watched.
    /// </summary>
    public void OnRemoteDeath(IInternalActorRef watcher, ActorPath deadPath, bool existenceConfirmed)
    {
        List<WatchPair>? matched = null;
        lock (_lock)
        {
            if (!_outbound.TryGetValue(deadPath.Address, out var set)) return;
            foreach (var pair in set)
                if (pair.Watcher.Equals(watcher) && pair.Watchee.Path.Equals(deadPath)) (matched ??= []).Add(pair);
            if (matched is null) return;
            foreach (var pair in matched) set.Remove(pair);
            if (set.Count == 0) _outbound.Remove(deadPath.Address);
        }
        foreach (var pair in matched)
            pair.Watcher.SendSystemMessage(new DeathWatchNotification(pair.Watchee, existenceConfirmed));
    }

    /// <summary>
    /// The system at <paramref name="address"/> is gone: every local watcher of its actors gets one
    /// notification with AddressTerminated = true, and its watches of local actors are taken back.
    /// Returns how many watchers were notified.
    /// </summary>
    public int AddressTerminated(Address address)
    {
        HashSet<WatchPair>? outbound, inbound;
        lock (_lock)
        {
            _outbound.Remove(address, out outbound);
            _inbound.Remove(address, out inbound);
        }
        if (outbound is not null)
            foreach (var pair in outbound)
                pair.Watcher.SendSystemMessage(new DeathWatchNotification(pair.Watchee, ExistenceConfirmed: true, AddressTerminated: true));
        if (inbound is not null)
            foreach (var pair in inbound)
                pair.Watchee.SendSystemMessage(new Unwatch(pair.Watchee, pair.Watcher));
        return outbound?.Count ?? 0;
    }

    private void Add(Dictionary<Address, HashSet<WatchPair>> table, Address address, WatchPair pair)
    {
        lock (_lock)
        {
            if (!table.TryGetValue(address, out var set)) table[address] = set = [];
            set.Add(pair);
        }
    }

    private void Remove(Dictionary<Address, HashSet<WatchPair>> table, Address address, WatchPair pair)
    {
        lock (_lock)
        {
            if (!table.TryGetValue(address, out var set)) return;
            set.Remove(pair);
            if (set.Count == 0) table.Remove(address);
        }
    }
}
