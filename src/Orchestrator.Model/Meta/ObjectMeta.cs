using System.Text.Json.Serialization;
using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Meta;

/// <summary>Metadata every persisted object has (metav1.ObjectMeta).</summary>
public sealed class ObjectMeta
{
    /// <summary>Name, unique within a namespace. Required when creating unless generateName is set. Cannot be updated.</summary>
    public string? Name { get; set; }

    /// <summary>Prefix the server uses to generate a unique name when name is not set.</summary>
    public string? GenerateName { get; set; }

    /// <summary>Namespace of the object; empty means "default" for namespaced kinds. Cannot be updated.</summary>
    public string? Namespace { get; set; }

    /// <summary>Deprecated; not set by the server.</summary>
    public string? SelfLink { get; set; }

    /// <summary>Unique id for the lifetime of the object, set by the server. Read-only.</summary>
    public string? Uid { get; set; }

    /// <summary>Opaque version for optimistic concurrency and watches, set by the server. Read-only.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Sequence number of a specific generation of the desired state, set by the server. Read-only.</summary>
    public long? Generation { get; set; }

    /// <summary>When the object was created, set by the server. Read-only.</summary>
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>When the object will be deleted; set by the server when a graceful deletion is requested. Read-only.</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Seconds allowed for graceful termination before deletion. Read-only.</summary>
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>Key/value pairs used to organize and select objects.</summary>
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Arbitrary non-identifying metadata.</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Objects this one depends on; when all owners are gone the object is garbage collected.</summary>
    [PatchMerge("uid")]
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>Names that must be removed before the object is deleted from the registry.</summary>
    [PatchMerge]
    public List<string>? Finalizers { get; set; }

    /// <summary>Which manager set which fields (server-side apply bookkeeping).</summary>
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }

    /// <summary>Returns the label value or null.</summary>
    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;

    /// <summary>Returns the annotation value or null.</summary>
    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}

/// <summary>One field manager's record of the fields it owns (metav1.ManagedFieldsEntry).</summary>
public sealed class ManagedFieldsEntry
{
    /// <summary>Identifier of the workflow managing these fields.</summary>
    public string? Manager { get; set; }

    /// <summary>"Apply" or "Update".</summary>
    public string? Operation { get; set; }

    /// <summary>Version of the resource the fieldset applies to.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>When the fields were last changed.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>Format of fieldsV1; only "FieldsV1" exists.</summary>
    public string? FieldsType { get; set; }

    /// <summary>The owned field set, kept as an opaque JSON tree.</summary>
    [JsonPropertyName("fieldsV1")]
    public System.Text.Json.Nodes.JsonObject? FieldsV1 { get; set; }

    /// <summary>Subresource the fields were set through, e.g. "status"; empty for the main resource.</summary>
    public string? Subresource { get; set; }
}

/// <summary>Points at an owning object (metav1.OwnerReference); the owner must be in the same namespace or cluster-scoped.</summary>
public sealed class OwnerReference
{
    /// <summary>API version of the owner. Required.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>Kind of the owner. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Name of the owner. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>UID of the owner. Required.</summary>
    public string Uid { get; set; } = "";

    /// <summary>True when the owner is the managing controller; at most one reference may say so. Default false.</summary>
    public bool? Controller { get; set; }

    /// <summary>When true the owner cannot be deleted (foreground deletion) until this reference is removed. Default false.</summary>
    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>Metadata of list results (metav1.ListMeta).</summary>
public sealed class ListMeta
{
    /// <summary>Deprecated; not set by the server.</summary>
    public string? SelfLink { get; set; }

    /// <summary>Version of the list, for watches from this point.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Token to fetch the next page when the list was limited.</summary>
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    /// <summary>Estimated number of items left after this page.</summary>
    public long? RemainingItemCount { get; set; }
}

/// <summary>The type part of every object (metav1.TypeMeta), used to peek at a document before choosing its type.</summary>
public sealed class TypeMeta
{
    /// <summary>The versioned schema, e.g. <c>apps/v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The kind, e.g. <c>Deployment</c>.</summary>
    public string? Kind { get; set; }
}
