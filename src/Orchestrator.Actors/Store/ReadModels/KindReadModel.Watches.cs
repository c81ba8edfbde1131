using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Labels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>Watch: resume from history, selector transitions, bookmarks.</summary>
public sealed partial class KindReadModel
{
    private readonly Dictionary<string, Watcher> _watchers = new(StringComparer.Ordinal);

    private sealed record SendBookmarks;

    private sealed record Watcher(string Id, IActorRef Subscriber, string? Namespace, Selector Labels, FieldSelector Fields, bool Bookmarks, long From);

    private void HandleWatch(WatchObjects request)
    {
        // No resourceVersion means "from the most recent state": a consistent read first, as for a List.
        if (string.IsNullOrEmpty(request.ResourceVersion)) Park(request, Sender, 0, _catchUpsStarted + 1);
        else StartWatch(request, Sender);
    }

    private void StartWatch(WatchObjects request, IActorRef subscriber)
    {
        if (ParseSelectors(request.LabelSelector, request.FieldSelector, out var labels, out var fields) is { } selectorError)
        {
            subscriber.Tell(new WatchEvent("", WatchEventType.Error, null, Version, selectorError), Self);
            return;
        }

        var id = Guid.NewGuid().ToString("N");
        var ns = NamespaceFilter(request.Namespace);
        var rv = request.ResourceVersion;
        IReadOnlyList<(WatchEventType Type, IKubernetesObject Object, long Version)> initial;
        long from;
        if (string.IsNullOrEmpty(rv) || rv == "0")
        {
            from = _consistent;
            initial = _index.Select(ns, labels, fields).Select(s => (WatchEventType.Added, s.Object, s.ResourceVersion)).ToList();
        }
        else if (!ObjectCodec.TryParseVersion(rv, out from))
        {
            subscriber.Tell(new WatchEvent("", WatchEventType.Error, null, Version, StatusError.BadRequest($"invalid resourceVersion \"{rv}\"")), Self);
            return;
        }
        else if (!_history.TrySince(from, out var changes))
        {
            subscriber.Tell(new WatchEvent("", WatchEventType.Error, null, Version, StatusError.Gone(
                $"too old resource version: {from} ({_history.Floor})")), Self);
            return;
        }
        else
        {
            var probe = new Watcher(id, subscriber, ns, labels, fields, request.AllowBookmarks, from);
            initial = changes.Select(c => Translate(probe, c)).Where(t => t is not null).Select(t => t!.Value).ToList();
        }

        var watcher = new Watcher(id, subscriber, ns, labels, fields, request.AllowBookmarks, from);
        _watchers[id] = watcher;
        Context.Watch(subscriber);
        subscriber.Tell(new WatchStarted(id, ObjectCodec.FormatVersion(from)), Self);
        foreach (var (type, obj, version) in initial)
            subscriber.Tell(new WatchEvent(id, type, obj, ObjectCodec.FormatVersion(version)), Self);
    }

    private void Dispatch(Change change)
    {
        foreach (var watcher in _watchers.Values)
        {
            if (change.ResourceVersion <= watcher.From) continue;
            if (Translate(watcher, change) is { } e)
                watcher.Subscriber.Tell(new WatchEvent(watcher.Id, e.Type, e.Object, ObjectCodec.FormatVersion(e.Version)), Self);
        }
    }

    /// <summary>What a change means to one watch: objects entering its selection are ADDED, leaving it DELETED.</summary>
    private static (WatchEventType Type, IKubernetesObject Object, long Version)? Translate(Watcher watcher, Change change)
    {
        bool Matches(IKubernetesObject? obj) =>
            obj is not null
            && (watcher.Namespace is null || obj.Metadata.Namespace == watcher.Namespace)
            && watcher.Labels.MatchesLabelsOf(obj)
            && (watcher.Fields.Terms.Count == 0 || watcher.Fields.Matches(ObjectFields.Of(obj)));

        var now = change.Type != WatchEventType.Deleted && Matches(change.Object);
        var before = change.Type == WatchEventType.Deleted ? Matches(change.Object) : Matches(change.Previous);
        WatchEventType? type = (before, now) switch
        {
            (false, true) => WatchEventType.Added,
            (true, true) => WatchEventType.Modified,
            (true, false) => WatchEventType.Deleted,
            _ => null,
        };
        return type is { } t ? (t, change.Object, change.ResourceVersion) : null;
    }

    private void SendBookmarksToAll()
    {
        foreach (var watcher in _watchers.Values.Where(w => w.Bookmarks))
            watcher.Subscriber.Tell(new WatchEvent(watcher.Id, WatchEventType.Bookmark, null, ObjectCodec.FormatVersion(Math.Max(watcher.From, _consistent))), Self);
    }

    private void RemoveWatcher(string id)
    {
        if (!_watchers.Remove(id, out var watcher)) return;
        if (_watchers.Values.All(w => !w.Subscriber.Equals(watcher.Subscriber))) Context.Unwatch(watcher.Subscriber);
    }

    private void RemoveWatchersOf(IActorRef subscriber)
    {
        foreach (var id in _watchers.Values.Where(w => w.Subscriber.Equals(subscriber)).Select(w => w.Id).ToList()) _watchers.Remove(id);
    }
}
