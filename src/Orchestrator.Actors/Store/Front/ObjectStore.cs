using Orchestrator.Actors.Store.Admission;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.GarbageCollection;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;
using Orchestrator.Runtime;
using static Orchestrator.Actors.Store.Front.ObjectStoreMessages;

namespace Orchestrator.Actors.Store.Front;

/// <summary>
/// The one entry point of the API object store: every request goes through here. Object commands
/// are routed by <see cref="ObjectKey"/> to the object's <see cref="ResourceEntity"/> (a child made on
/// demand, stopped when idle); List and Watch go to the kind's <see cref="KindReadModel"/>. The
/// routing is what a shard region does, so a region can take this actor's place for entities.
/// </summary>
/// <remarks>
/// Creating a namespaced object first reads its namespace from the namespace's entity (the
/// authority, not a read model): a missing namespace is NotFound, a terminating one Forbidden.
/// The namespaces <c>default</c> and <c>kube-system</c> are created at start when missing.
/// Then the namespace's <see cref="NamespaceAdmission"/> applies LimitRanges and ResourceQuotas.
/// </remarks>
public sealed class ObjectStore : ReceiveActor
{
    /// <summary>Namespaces that exist from the first start.</summary>
    public static readonly IReadOnlyList<string> InitialNamespaces = ["default", "kube-system"];

    private readonly StoreSettings _settings;
    private readonly KindCatalog _catalog;
    private readonly ResourceType _namespaceType;
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, ObjectKey> _entityKeys = [];

    /// <summary>A store with <paramref name="settings"/> serving the kinds of <paramref name="catalog"/> (default: every built-in kind).</summary>
    public ObjectStore(StoreSettings settings, KindCatalog? catalog = null)
    {
        _settings = settings;
        _catalog = catalog ?? KindCatalog.Default;
        _namespaceType = _catalog.Registry.Get<Namespace>();
        ResourceEventManifests.Register(Context.System);

        Receive<CreateObject>(HandleCreate);
        Receive<AdmittedCreate>(a => AdmissionOf(a.Key.Namespace!).Tell(new Admit(a.Key, a.Command), Sender));
        Receive<AdmittedCommand>(a => Route(a.Key, a.Command, Sender));
        Receive<UpdateObject>(c => RouteWithObject(c, c.Object, copy => new UpdateObject(copy)));
        Receive<UpdateObjectStatus>(c => RouteWithObject(c, c.Object, copy => new UpdateObjectStatus(copy)));
        Receive<GetObject>(c => RouteByKey(c.Key, c));
        Receive<PatchObject>(c => RouteByKey(c.Key, c));
        Receive<DeleteObject>(c => RouteByKey(c.Key, c));
        Receive<BindPod>(c => RouteByKey(new ObjectKey("", "Pod", c.Namespace, c.Name), c));
        Receive<ListObjects>(m => ForwardToReadModel(m.Group, m.Kind, m, e => new ObjectList([], "0", Error: e)));
        Receive<WatchObjects>(m => ForwardToReadModel(m.Group, m.Kind, m, e => new WatchEvent("", WatchEventType.Error, null, "0", e)));
        Receive<CancelWatch>(m => ForwardToReadModel(m.Group, m.Kind, m, e => new WatchEvent(m.WatchId, WatchEventType.Error, null, "0", e)));
        Receive<Passivate>(HandlePassivate);
        Receive<Terminated>(HandleTerminated);
        Receive<ObjectReply>(_ => { }); // answers to the store's own namespace creation
    }

    /// <summary>Props of a store.</summary>
    public static Props Props(StoreSettings settings, KindCatalog? catalog = null) =>
        Runtime.Props.Create(() => new ObjectStore(settings, catalog));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Routed before any request is processed, so every later request finds them.
        foreach (var name in InitialNamespaces)
            Route(ObjectKey.For(_namespaceType, null, name), new CreateObject(new Namespace { Metadata = { Name = name } }), Self);
        Context.ActorOf(GarbageCollector.Props(Self, _catalog, _settings.GcResyncInterval), "garbage-collector");
    }

    private void HandleCreate(CreateObject command)
    {
        if (!_catalog.TryGet(command.Object, out var type))
        {
            Sender.Tell(ObjectReply.Failed(UnknownKind(command.Object.ApiVersion, command.Object.Kind)), Self);
            return;
        }

        var copy = ObjectCodec.Copy(command.Object);
        var meta = copy.Metadata;
        if (type.Namespaced && string.IsNullOrEmpty(meta.Namespace)) meta.Namespace = "default";
        if (!type.Namespaced) meta.Namespace = null;
        if (string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName)) meta.Name = NameGenerator.Generate(meta.GenerateName);
        if (string.IsNullOrEmpty(meta.Name))
        {
            // No key to route by: the validator reports the missing name as the entity would.
            var result = Model.Validation.ObjectValidator.Validate(copy);
            Sender.Tell(ObjectReply.Failed(StatusError.Invalid(type.Kind, type.GroupResource, null, result)), Self);
            return;
        }

        var key = ObjectKey.For(type, meta.Namespace, meta.Name);
        var admitted = new CreateObject(copy);
        if (!type.Namespaced)
        {
            Route(key, admitted, Sender);
            return;
        }

        AdmitIntoNamespace(key, admitted, type, Sender);
    }

    /// <summary>Reads the namespace from its entity, then routes the create (or answers why not) without blocking the store.</summary>
    private void AdmitIntoNamespace(ObjectKey key, CreateObject command, ResourceType type, IActorRef replyTo)
    {
        var self = Self;
        var nsKey = ObjectKey.For(_namespaceType, null, key.Namespace!);
        self.Ask<ObjectReply>(new GetObject(nsKey), _settings.ListWaitTimeout).ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
                replyTo.Tell(ObjectReply.Failed(StatusError.Timeout($"namespace {key.Namespace} could not be read")), self);
            else if (t.Result.Object is not { } ns)
                replyTo.Tell(ObjectReply.Failed(StatusError.NotFound("namespaces", key.Namespace!)), self);
            else if (ns.Metadata.DeletionTimestamp is not null)
                replyTo.Tell(ObjectReply.Failed(StatusError.Forbidden(type.GroupResource, key.Name,
                    $"unable to create new content in namespace {key.Namespace} because it is being terminated")), self);
            else self.Tell(new AdmittedCreate(command, key), replyTo);
        }, TaskScheduler.Default);
    }

    private void RouteWithObject(IObjectCommand command, IKubernetesObject obj, Func<IKubernetesObject, IObjectCommand> withCopy)
    {
        if (!_catalog.TryGet(obj, out var type))
        {
            Sender.Tell(ObjectReply.Failed(UnknownKind(obj.ApiVersion, obj.Kind)), Self);
            return;
        }

        var copy = ObjectCodec.Copy(obj);
        if (type.Namespaced && string.IsNullOrEmpty(copy.Metadata.Namespace)) copy.Metadata.Namespace = "default";
        if (string.IsNullOrEmpty(copy.Metadata.Name))
        {
            Sender.Tell(ObjectReply.Failed(StatusError.BadRequest($"{command.GetType().Name}: metadata.name is required")), Self);
            return;
        }

        RouteThroughAdmission(type, ObjectKey.For(type, copy.Metadata.Namespace, copy.Metadata.Name), withCopy(copy));
    }

    private void RouteByKey(ObjectKey key, IObjectCommand command)
    {
        if (!_catalog.TryGet(key.Group, key.Kind, out var type))
        {
            Sender.Tell(ObjectReply.Failed(UnknownKind(key.Group, key.Kind)), Self);
            return;
        }

        RouteThroughAdmission(type, ObjectKey.For(type, string.IsNullOrEmpty(key.Namespace) ? "default" : key.Namespace, key.Name), command);
    }

    /// <summary>
    /// Writes to quotas and limit ranges, and deletes of namespaced objects, go through the namespace's
    /// admission (which keeps its policy and the quotas' use current); everything else straight to the entity.
    /// </summary>
    private void RouteThroughAdmission(ResourceType type, ObjectKey key, IObjectCommand command)
    {
        var admitted = type.Namespaced && command is not GetObject && (NamespaceAdmission.IsPolicyKind(type) || command is DeleteObject);
        if (admitted) AdmissionOf(key.Namespace!).Tell(new Admit(key, command), Sender);
        else Route(key, command, Sender);
    }

    private IActorRef AdmissionOf(string ns)
    {
        var name = "admission-" + Uri.EscapeDataString(ns);
        var child = Context.Child(name);
        return child.Equals(ActorRefs.Nobody)
            ? Context.ActorOf(NamespaceAdmission.Props(ns, Self, _catalog, _settings.Admission, _settings.ListWaitTimeout), name)
            : child;
    }

    private void Route(ObjectKey key, object command, IActorRef sender)
    {
        var name = key.EntityName;
        if (_passivating.TryGetValue(name, out var buffer))
        {
            buffer.Add((command, sender));
            return;
        }

        EntityFor(key, name).Tell(command, sender);
    }

    private IActorRef EntityFor(ObjectKey key, string name)
    {
        var child = Context.Child(name);
        if (!child.Equals(ActorRefs.Nobody)) return child;
        var type = _catalog.Get(key);
        child = Context.ActorOf(Runtime.Props.Create(() => new ResourceEntity(key, type, _settings.PassivationTimeout, _settings.SnapshotEvery)), name);
        Context.Watch(child);
        _entityKeys[child] = key;
        return child;
    }

    private void HandlePassivate(Passivate passivate)
    {
        if (!_entityKeys.TryGetValue(Sender, out var key) || _passivating.ContainsKey(key.EntityName)) return;
        _passivating[key.EntityName] = [];
        Sender.Tell(passivate.StopMessage, Self);
    }

    private void HandleTerminated(Terminated terminated)
    {
        if (!_entityKeys.Remove(terminated.ActorRef, out var key)) return;
        if (!_passivating.Remove(key.EntityName, out var buffer) || buffer.Count == 0) return;
        // Commands that arrived while it stopped start it again, in their order.
        var entity = EntityFor(key, key.EntityName);
        foreach (var (message, sender) in buffer) entity.Tell(message, sender);
    }

    private void ForwardToReadModel(string group, string kind, object message, Func<StatusError, object> failure)
    {
        if (!_catalog.TryGet(group, kind, out var type))
        {
            Sender.Tell(failure(UnknownKind(group, kind)), Self);
            return;
        }

        var name = "read-" + Uri.EscapeDataString(group.Length == 0 ? kind : $"{kind}.{group}");
        var model = Context.Child(name);
        if (model.Equals(ActorRefs.Nobody)) model = Context.ActorOf(Runtime.Props.Create(() => new KindReadModel(type, _settings)), name);
        model.Tell(message, Sender);
    }

    private static StatusError UnknownKind(string groupOrApiVersion, string kind) =>
        StatusError.NotFound("kinds", $"{kind} ({groupOrApiVersion})") with { Message = $"the server could not find the requested resource: no kind {kind} in {groupOrApiVersion}" };
}
