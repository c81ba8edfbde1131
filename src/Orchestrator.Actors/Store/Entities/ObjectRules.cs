using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Defaulting;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Validation;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// The apiserver's write semantics as pure functions of (state, command): defaults (Kubernetes' own,
/// see <see cref="ObjectDefaulter"/>, on create and update),
/// optimistic concurrency, generation, status separation, patches. Deletion is in
/// <see cref="DeletionRules"/>. The input object belongs to the rules (the store copied it).
/// </summary>
public static class ObjectRules
{
    private static readonly HashSet<string> _nonSpecFields = ["apiVersion", "kind", "metadata", "status"];

    /// <summary>Creates the object in an empty state.</summary>
    public static Decision Create(ResourceState state, ResourceType type, IKubernetesObject obj, DateTimeOffset now, string uid)
    {
        var name = obj.Metadata.Name ?? "";
        if (state.Exists) return Decision.Fail(StatusError.AlreadyExists(type.GroupResource, name));
        var meta = obj.Metadata;
        meta.Uid = uid;
        meta.CreationTimestamp = now;
        meta.Generation = 1;
        meta.ResourceVersion = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.SelfLink = null;
        ApplyCreateDefaults(obj);
        var validation = ObjectValidator.Validate(obj);
        if (!validation.IsValid) return Decision.Fail(StatusError.Invalid(type.Kind, type.GroupResource, name, validation));
        return Decision.Persist(new ObjectCreated(ObjectCodec.ToNode(obj)));
    }

    /// <summary>Replaces metadata and spec; status stays as stored.</summary>
    public static Decision Update(ResourceState state, ResourceType type, IKubernetesObject obj)
    {
        if (Precheck(state, type, obj) is { } error) return Decision.Fail(error);
        var existing = state.Object!;
        // Defaults first, so an update that leaves a defaulted field out changes nothing (and bumps no generation).
        ObjectDefaulter.Apply(obj);
        var existingNode = ObjectCodec.ToNode(existing);
        var updatedNode = ObjectCodec.ToNode(obj);
        CopyField(existingNode, updatedNode, "status");
        KeepServerMetadata(existingNode, updatedNode);
        var specChanged = SpecChanged(existingNode, updatedNode);
        ((JsonObject)updatedNode["metadata"]!)["generation"] = (existing.Metadata.Generation ?? 1) + (specChanged ? 1 : 0);
        return Store(state, type, existingNode, updatedNode, validate: true);
    }

    /// <summary>Replaces the status only.</summary>
    public static Decision UpdateStatus(ResourceState state, ResourceType type, IKubernetesObject obj)
    {
        if (Precheck(state, type, obj) is { } error) return Decision.Fail(error);
        var existingNode = ObjectCodec.ToNode(state.Object!);
        var updatedNode = (JsonObject)existingNode.DeepClone();
        CopyField(ObjectCodec.ToNode(obj), updatedNode, "status");
        return Store(state, type, existingNode, updatedNode, validate: false);
    }

    /// <summary>Applies a patch to the stored object, then stores the result as an update (or a status update).</summary>
    public static Decision Patch(ResourceState state, ResourceType type, PatchObject command)
    {
        if (!state.Exists) return Decision.Fail(StatusError.NotFound(type.GroupResource, command.Key.Name));
        IKubernetesObject patched;
        try
        {
            var current = ObjectCodec.ToNode(state.Object!);
            var result = command.Type == PatchType.Merge
                ? JsonMergePatch.Apply(current, command.Patch)
                : StrategicMergePatch.Apply(current, command.Patch, type.ClrType);
            if (result is not JsonObject resultObject) return Decision.Fail(StatusError.BadRequest("the patch must be a JSON object"));
            if (resultObject["kind"]?.GetValue<string>() != type.Kind || resultObject["apiVersion"]?.GetValue<string>() != type.ApiVersion)
                return Decision.Fail(StatusError.BadRequest("a patch may not change apiVersion or kind"));
            patched = ObjectCodec.FromNode(resultObject, type);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return Decision.Fail(StatusError.BadRequest($"the patch cannot be applied: {e.Message}"));
        }

        return command.Status ? UpdateStatus(state, type, patched) : Update(state, type, patched);
    }

    /// <summary>The finalizers that keep a deleted object: metadata.finalizers, plus spec.finalizers of a namespace.</summary>
    public static IReadOnlyList<string> HoldingFinalizers(IKubernetesObject obj)
    {
        var held = new List<string>(obj.Metadata.Finalizers ?? []);
        if (obj is Namespace { Spec.Finalizers: { } specFinalizers }) held.AddRange(specFinalizers);
        return held;
    }

    /// <summary>Stores <paramref name="updatedNode"/> unless it equals what is stored; removes a deleted object whose last finalizer went.</summary>
    private static Decision Store(ResourceState state, ResourceType type, JsonObject existingNode, JsonObject updatedNode, bool validate)
    {
        var existing = state.Object!;
        ((JsonObject)updatedNode["metadata"]!).Remove("resourceVersion");
        existingNode = (JsonObject)existingNode.DeepClone();
        ((JsonObject)existingNode["metadata"]!).Remove("resourceVersion");
        if (JsonNode.DeepEquals(existingNode, updatedNode)) return Decision.NoChange(existing);
        var updated = ObjectCodec.FromNode(updatedNode, type);
        if (validate)
        {
            var validation = ObjectValidator.ValidateUpdate(updated, existing);
            if (!validation.IsValid) return Decision.Fail(StatusError.Invalid(type.Kind, type.GroupResource, existing.Metadata.Name, validation));
        }

        var finished = updated.Metadata.DeletionTimestamp is not null && HoldingFinalizers(updated).Count == 0
            && (updated.Metadata.DeletionGracePeriodSeconds ?? 0) == 0;
        return Decision.Persist(finished ? new ObjectRemoved(updatedNode) : new ObjectModified(updatedNode));
    }

    private static StatusError? Precheck(ResourceState state, ResourceType type, IKubernetesObject obj)
    {
        var name = obj.Metadata.Name ?? "";
        if (!state.Exists) return StatusError.NotFound(type.GroupResource, name);
        var expected = obj.Metadata.ResourceVersion;
        if (!string.IsNullOrEmpty(expected) && expected != state.VersionText) return StatusError.StaleResourceVersion(type.GroupResource, name);
        if (!string.IsNullOrEmpty(obj.Metadata.Uid) && obj.Metadata.Uid != state.Object!.Metadata.Uid)
            return StatusError.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {obj.Metadata.Uid}, UID in object meta: {state.Object.Metadata.Uid}");
        return null;
    }

    /// <summary>Fields only the server sets survive whatever the client sent.</summary>
    private static void KeepServerMetadata(JsonObject existingNode, JsonObject updatedNode)
    {
        var from = (JsonObject)existingNode["metadata"]!;
        var to = updatedNode["metadata"] as JsonObject ?? new JsonObject();
        updatedNode["metadata"] = to;
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            CopyField(from, to, field);
    }

    private static void CopyField(JsonObject from, JsonObject to, string field)
    {
        to.Remove(field);
        if (from[field] is { } value) to[field] = value.DeepClone();
    }

    private static bool SpecChanged(JsonObject existing, JsonObject updated)
    {
        var keys = existing.Select(p => p.Key).Concat(updated.Select(p => p.Key)).Where(k => !_nonSpecFields.Contains(k)).Distinct();
        return keys.Any(k => !JsonNode.DeepEquals(existing[k], updated[k]));
    }

    private static void ApplyCreateDefaults(IKubernetesObject obj)
    {
        ObjectDefaulter.Apply(obj);
        switch (obj)
        {
            case Pod pod:
                pod.Status ??= new PodStatus();
                pod.Status.Phase ??= "Pending";
                break;
            case Namespace ns:
                ns.Spec ??= new NamespaceSpec();
                ns.Spec.Finalizers ??= ["kubernetes"];
                ns.Status = new NamespaceStatus { Phase = "Active" };
                break;
        }
    }
}
