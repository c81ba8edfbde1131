using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Admin;

/// <summary>apply, create and replace.</summary>
internal sealed partial class AdminCommands
{
    private async Task<AdminResult> Write(WriteObjects request)
    {
        var outcomes = new List<ObjectOutcome>();
        // In order: a Namespace before the objects in it, as the files list them.
        foreach (var text in request.Manifests) outcomes.Add(await WriteOne(text, request.Namespace, request.Mode).ConfigureAwait(false));
        return new AdminResult(outcomes);
    }

    private async Task<ObjectOutcome> WriteOne(string text, string? requestNamespace, WriteMode mode)
    {
        JsonObject node;
        try
        {
            node = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("a manifest must be a JSON object");
        }
        catch (JsonException e)
        {
            return new ObjectOutcome("", "", null, "", AdminError.BadRequest($"malformed object: {e.Message}"));
        }

        var apiVersion = node["apiVersion"]?.GetValue<string>() ?? "";
        var kind = node["kind"]?.GetValue<string>() ?? "";
        var name = node["metadata"]?["name"]?.GetValue<string>() ?? "";
        if (!catalog.Registry.TryGetByKind(apiVersion, kind, out var type))
            return new ObjectOutcome(kind, name, null, "", new AdminError(StatusError.NotFoundReason, 404, $"no matches for kind \"{kind}\" in version \"{apiVersion}\""));
        if (NamespaceConflict(node, type, requestNamespace) is { } conflict) return new ObjectOutcome(ResourceName(type), name, requestNamespace, "", conflict);

        return mode switch
        {
            WriteMode.Create => await Create(type, node, "created").ConfigureAwait(false),
            WriteMode.Replace => await Replace(type, node).ConfigureAwait(false),
            _ => await Apply(type, node).ConfigureAwait(false),
        };
    }

    /// <summary>Fills in the request's namespace; an object naming another one is refused as kubectl refuses it.</summary>
    private static AdminError? NamespaceConflict(JsonObject node, ResourceType type, string? requestNamespace)
    {
        if (!type.Namespaced) return null;
        var meta = node["metadata"] as JsonObject ?? new JsonObject();
        node["metadata"] = meta;
        var own = meta["namespace"]?.GetValue<string>();
        if (string.IsNullOrEmpty(own))
        {
            meta["namespace"] = string.IsNullOrEmpty(requestNamespace) ? "default" : requestNamespace;
            return null;
        }

        return string.IsNullOrEmpty(requestNamespace) || own == requestNamespace
            ? null
            : AdminError.BadRequest($"the namespace from the provided object \"{own}\" does not match the namespace \"{requestNamespace}\". You must pass '--namespace={own}' to perform this operation.");
    }

    private async Task<ObjectOutcome> Create(ResourceType type, JsonObject node, string action)
    {
        var obj = ObjectCodec.FromNode(node, type);
        var reply = await _store.Send(new CreateObject(obj)).ConfigureAwait(false);
        return Outcome(type, reply.Object ?? obj, action, reply.Error is { } e ? AdminError.From(e) : null);
    }

    private async Task<ObjectOutcome> Replace(ResourceType type, JsonObject node)
    {
        var obj = ObjectCodec.FromNode(node, type);
        var reply = await _store.Send(new UpdateObject(obj)).ConfigureAwait(false);
        return Outcome(type, reply.Object ?? obj, "replaced", reply.Error is { } e ? AdminError.From(e) : null);
    }

    private async Task<ObjectOutcome> Apply(ResourceType type, JsonObject node)
    {
        var configuration = ApplyPlan.WithLastApplied(node);
        var obj = ObjectCodec.FromNode(configuration, type);
        var key = KeyOf(type, obj);
        var live = await _store.Send(new GetObject(key)).ConfigureAwait(false);
        if (live.Error is { Reason: StatusError.NotFoundReason }) return await Create(type, configuration, "created").ConfigureAwait(false);
        if (live.Object is null) return Outcome(type, obj, "", AdminError.From(live.Error!));

        var patch = ApplyPlan.PatchFor(configuration, ManifestSerializer.ToNode(live.Object), type.ClrType);
        if (patch is null) return Outcome(type, live.Object, "unchanged");
        var reply = await _store.Send(new PatchObject(key, PatchType.StrategicMerge, patch)).ConfigureAwait(false);
        return Outcome(type, reply.Object ?? obj, "configured", reply.Error is { } e ? AdminError.From(e) : null);
    }
}
