using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// One <c>get -w</c> of one client: opens a watch on the object store, sends the client each change as
/// JSON text (filtered by name when the query names objects), and closes the store's watch when the client
/// sends <see cref="StopWatching"/> or stops — including when its process goes away (remote death watch).
/// </summary>
public sealed class AdminWatch : ReceiveActor
{
    private readonly IActorRef _store;
    private readonly IActorRef _client;
    private readonly ResourceType _type;
    private readonly WatchObjects _watch;
    private readonly HashSet<string> _names;
    private string? _watchId;

    /// <summary>Creates the watch; use <see cref="Props"/>.</summary>
    public AdminWatch(IActorRef store, IActorRef client, ResourceType type, WatchObjects watch, IReadOnlyList<string> names)
    {
        _store = store;
        _client = client;
        _type = type;
        _watch = watch;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        Receive<WatchStarted>(HandleStarted);
        Receive<WatchEvent>(HandleEvent);
        Receive<StopWatching>(_ => Context.Stop(Self));
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    /// <summary>Props of a watch for <paramref name="client"/>.</summary>
    public static Props Props(IActorRef store, IActorRef client, ResourceType type, WatchObjects watch, IReadOnlyList<string> names) =>
        Runtime.Props.Create(() => new AdminWatch(store, client, type, watch, names));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_client);
        _store.Tell(_watch, Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_watchId is not null) _store.Tell(new CancelWatch(_type.Group, _type.Kind, _watchId), Self);
    }

    private void HandleStarted(WatchStarted started)
    {
        _watchId = started.WatchId;
        _client.Tell(new WatchOpened(Self, _type.Kind, _type.ApiVersion, _type.Namespaced), Self);
    }

    private void HandleEvent(WatchEvent e)
    {
        switch (e.Type)
        {
            case WatchEventType.Error:
                _client.Tell(new WatchEnded(AdminError.From(e.Error ?? Store.Errors.StatusError.Gone("the watch ended"))), Self);
                Context.Stop(Self);
                break;
            case WatchEventType.Bookmark:
                break;
            default:
                if (e.Object is { } obj && (_names.Count == 0 || _names.Contains(obj.Metadata.Name ?? "")))
                    _client.Tell(new ObjectWatched(TypeName(e.Type), ManifestSerializer.ToJson(obj, indented: false)), Self);
                break;
        }
    }

    private static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        _ => type.ToString().ToUpperInvariant(),
    };
}
