using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// The admin commands as async functions over the object store. They hold no state besides the store ref
/// and the kind catalog, so the <see cref="AdminConsole"/> runs each request as one task and pipes its
/// reply back; a slow command never holds up another. One file per concern: apply, read, delete,
/// updates (scale, label, nodes), rollout.
/// </summary>
internal sealed partial class AdminCommands(IActorRef store, KindCatalog catalog, AdminSettings settings)
{
    private readonly StoreClient _store = new(store, settings.RequestTimeout);

    /// <summary>Runs one request; the reply type is the one the request's summary names.</summary>
    public Task<object> Execute(IAdminRequest request) => request switch
    {
        WriteObjects r => Box(Write(r)),
        GetObjects r => Box(Get(r)),
        DescribeObjects r => Box(Describe(r)),
        DeleteObjects r => Box(Delete(r)),
        ScaleObjects r => Box(Scale(r)),
        ChangeMetadata r => Box(ChangeMetadata(r)),
        CordonNode r => Box(Cordon(r)),
        DrainNode r => Box(Drain(r)),
        RolloutCommand r => Rollout(r),
        _ => Task.FromResult<object>(new AdminFailed(AdminError.BadRequest($"unsupported admin request {request.GetType().Name}"))),
    };

    private static async Task<object> Box<T>(Task<T> task) where T : notnull => await task.ConfigureAwait(false);

    /// <summary>kubectl's prefix for an object of <paramref name="type"/>: <c>pod</c>, <c>deployment.apps</c>.</summary>
    public static string ResourceName(ResourceType type) => type.Group.Length == 0 ? type.Singular : $"{type.Singular}.{type.Group}";

    private bool TryResolve(string resource, out ResourceType type, out AdminError? error)
    {
        if (catalog.Registry.TryResolve(resource, out var found))
        {
            type = found;
            error = null;
            return true;
        }

        type = null!;
        error = AdminError.UnknownResource(resource);
        return false;
    }

    private static string? NamespaceOf(ResourceType type, ResourceQuery query) =>
        !type.Namespaced ? null : query.AllNamespaces ? null : string.IsNullOrEmpty(query.Namespace) ? "default" : query.Namespace;

    /// <summary>
    /// The objects a query names: each named one (a missing name is an error in <c>Missing</c>), or every match of the
    /// selectors. <paramref name="requireSelection"/> refuses a query with neither names nor selectors.
    /// </summary>
    private async Task<Selection> Select(ResourceQuery query, bool requireSelection = false, bool all = false)
    {
        if (!TryResolve(query.Resource, out var type, out var error)) return Selection.Failed(error!);
        var ns = NamespaceOf(type, query);
        var names = query.Names ?? [];
        if (names.Count > 0)
        {
            var found = new List<IKubernetesObject>();
            var missing = new List<AdminError>();
            foreach (var name in names)
            {
                var reply = await _store.Send(new GetObject(ObjectKey.For(type, ns ?? "default", name))).ConfigureAwait(false);
                if (reply.Object is { } obj) found.Add(obj);
                else missing.Add(AdminError.From(reply.Error ?? StatusError.NotFound(type.GroupResource, name)));
            }

            return new Selection(type, found, missing, "", null);
        }

        if (requireSelection && !all && string.IsNullOrEmpty(query.LabelSelector) && string.IsNullOrEmpty(query.FieldSelector))
            return Selection.Failed(AdminError.BadRequest("resource(s) were provided, but no name was specified"));
        var list = await _store.List(new ListObjects(type.Group, type.Kind, ns, query.LabelSelector, query.FieldSelector)).ConfigureAwait(false);
        return list.Error is { } listError
            ? Selection.Failed(AdminError.From(listError))
            : new Selection(type, list.Items, [], list.ResourceVersion, null);
    }

    private static string Json(IKubernetesObject obj) => ManifestSerializer.ToJson(obj, indented: false);

    private static ObjectKey KeyOf(ResourceType type, IKubernetesObject obj) => ObjectKey.For(type, obj.Metadata.Namespace, obj.Metadata.Name ?? "");

    private static ObjectOutcome Outcome(ResourceType type, IKubernetesObject obj, string action, AdminError? error = null) =>
        new(ResourceName(type), obj.Metadata.Name ?? "", obj.Metadata.Namespace, action, error);

    /// <summary>Merge-patches one object and turns the reply into an outcome named <paramref name="action"/>.</summary>
    private async Task<ObjectOutcome> Patch(ResourceType type, IKubernetesObject obj, JsonObject patch, string action)
    {
        var reply = await _store.Send(new PatchObject(KeyOf(type, obj), PatchType.Merge, patch)).ConfigureAwait(false);
        return Outcome(type, obj, action, reply.Error is { } e ? AdminError.From(e) : null);
    }

    /// <summary>The objects a query selected, the names it did not find, and the resourceVersion of a list.</summary>
    private sealed record Selection(ResourceType Type, IReadOnlyList<IKubernetesObject> Objects, IReadOnlyList<AdminError> Missing, string ResourceVersion, AdminError? Error)
    {
        public static Selection Failed(AdminError error) => new(null!, [], [], "", error);
    }
}
