using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// Executes admin commands (what <c>orchctl</c> sends) against the object store. Registered with the
/// <see cref="Receptionist"/> as <see cref="ServiceName"/>, so clients outside the cluster find it; the
/// remoting handshake has already checked the cluster secret before any request arrives. Each request
/// runs as one task whose reply is piped to the sender; <see cref="WatchResources"/> gets an
/// <see cref="AdminWatch"/> child that streams to the client, and <see cref="PodLogs"/> and <see cref="PodExec"/> a
/// <see cref="NodeRelay"/> child that relays between the client and the pod's node agent.
/// </summary>
public sealed class AdminConsole : ReceiveActor
{
    /// <summary>The name it is registered under at the receptionist.</summary>
    public const string ServiceName = "admin-console";

    private readonly IActorRef _store;
    private readonly KindCatalog _catalog;
    private readonly AdminCommands _commands;
    private readonly PodRouting _routing;

    /// <summary>Creates the console; use <see cref="Props"/>.</summary>
    public AdminConsole(IActorRef store, IActorRef? receptionist, AdminSettings settings, KindCatalog? catalog)
    {
        _store = store;
        _catalog = catalog ?? KindCatalog.Default;
        _commands = new AdminCommands(store, _catalog, settings);
        _routing = new PodRouting(new StoreClient(store, settings.RequestTimeout), _catalog, Context.System, settings.NodeAgentTimeout);
        AdminManifests.Register(Context.System);
        receptionist?.Tell(new RegisterService(ServiceName, Self), Self);

        Receive<WatchResources>(HandleWatch);
        Receive<GetClusterMembers>(_ => Sender.Tell(ClusterMembers.Of(Context.System), Self));
        Receive<PodLogs>(HandleLogs);
        Receive<PodExec>(HandleExec);
        Receive<IAdminRequest>(HandleRequest);
    }

    /// <summary>Props of a console over <paramref name="store"/>, registering itself with <paramref name="receptionist"/> when given.</summary>
    public static Props Props(IActorRef store, IActorRef? receptionist, AdminSettings settings, KindCatalog? catalog = null) =>
        Runtime.Props.Create(() => new AdminConsole(store, receptionist, settings, catalog));

    /// <summary>A watch that fails (a dead client, a lost store) ends alone; the console goes on.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void HandleRequest(IAdminRequest request)
    {
        _commands.Execute(request).PipeTo(Sender, Self,
            failure: e => new AdminFailed(new AdminError("InternalError", 500, $"{request.GetType().Name} failed: {e.Message}")));
    }

    private void HandleLogs(PodLogs request)
    {
        var routing = _routing;
        Context.ActorOf(NodeRelay.Props(Sender,
            () => routing.ResolveAsync(request.Target, request.Namespace, request.Container),
            route => request.Options with { Namespace = route.Namespace, Pod = route.Pod, Container = route.Container }));
    }

    private void HandleExec(PodExec request)
    {
        var routing = _routing;
        Context.ActorOf(NodeRelay.Props(Sender,
            () => routing.ResolveAsync(request.Target, request.Namespace, request.Container),
            route => new NodeApi.ExecInContainer(route.Namespace, route.Pod, route.Container, request.Command, request.Stdin, request.Tty)));
    }

    private void HandleWatch(WatchResources request)
    {
        var query = request.Query;
        if (!_catalog.Registry.TryResolve(query.Resource, out var type))
        {
            Sender.Tell(new WatchEnded(AdminError.UnknownResource(query.Resource)), Self);
            return;
        }

        var ns = !type.Namespaced || query.AllNamespaces ? null : string.IsNullOrEmpty(query.Namespace) ? "default" : query.Namespace;
        var watch = new WatchObjects(type.Group, type.Kind, ns, query.LabelSelector, query.FieldSelector, request.ResourceVersion, AllowBookmarks: false);
        Context.ActorOf(AdminWatch.Props(_store, Sender, type, watch, query.Names ?? []));
    }
}
