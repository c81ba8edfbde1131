using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Store.GarbageCollection;

/// <summary>
/// Only the type and metadata of an object: all the collector needs of most kinds, read without
/// typing the whole object (namespaces are read whole, for their spec finalizers).
/// </summary>
public sealed class ObjectMetadata : IKubernetesObject
{
    /// <inheritdoc />
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    public string Kind { get; set; } = "";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>Reads what the collector needs from an event's object.</summary>
    public static IKubernetesObject Read(JsonObject node) =>
        node["kind"]?.GetValue<string>() == "Namespace" && node["apiVersion"]?.GetValue<string>() == "v1"
            ? ObjectCodec.FromNode(node)
            : node.Deserialize<ObjectMetadata>(KubernetesJson.Options) ?? throw new JsonException("the object is JSON null");
}
