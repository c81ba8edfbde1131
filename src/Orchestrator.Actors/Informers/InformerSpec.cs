using Orchestrator.Model;

namespace Orchestrator.Actors.Informers;

/// <summary>
/// What one informer lists and watches: a kind, optionally one namespace, label and field selectors
/// (the same strings <see cref="Store.ReadModels.ListObjects"/> takes). Notifications carry it so a
/// subscriber of several informers knows which one spoke.
/// </summary>
/// <param name="Group">API group ("" for core).</param>
/// <param name="Kind">The kind, e.g. Pod.</param>
/// <param name="Namespace">Only this namespace; null for all.</param>
/// <param name="LabelSelector">e.g. <c>app=web</c>; null for all.</param>
/// <param name="FieldSelector">e.g. <c>spec.nodeName=n1</c>; null for all.</param>
public sealed record InformerSpec(string Group, string Kind, string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null)
{
    /// <summary>Every Pod.</summary>
    public static InformerSpec Pods { get; } = new("", "Pod");

    /// <summary>Every Node.</summary>
    public static InformerSpec Nodes { get; } = new("", "Node");

    /// <summary>Every ReplicaSet.</summary>
    public static InformerSpec ReplicaSets { get; } = new("apps", "ReplicaSet");

    /// <summary>Every Deployment.</summary>
    public static InformerSpec Deployments { get; } = new("apps", "Deployment");

    /// <summary>Every Service.</summary>
    public static InformerSpec Services { get; } = new("", "Service");

    /// <summary>Every Endpoints object.</summary>
    public static InformerSpec Endpoints { get; } = new("", "Endpoints");

    /// <summary>Every Lease.</summary>
    public static InformerSpec Leases { get; } = new("coordination.k8s.io", "Lease");

    /// <summary>A readable name for logs and actor names.</summary>
    public override string ToString() =>
        $"{(Group.Length == 0 ? "core" : Group)}/{Kind}" + (Namespace is null ? "" : $" in {Namespace}")
        + (LabelSelector is null ? "" : $" labels {LabelSelector}") + (FieldSelector is null ? "" : $" fields {FieldSelector}");
}

/// <summary>Cache keys as Kubernetes writes them: <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
public static class CacheKeys
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static string Of(IKubernetesObject obj) => Of(obj.Metadata.Namespace, obj.Metadata.Name ?? "");

    /// <summary>The key of <paramref name="name"/> in <paramref name="ns"/> (null or empty for cluster-scoped).</summary>
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>Splits a key into namespace (null when cluster-scoped) and name.</summary>
    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
