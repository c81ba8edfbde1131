using System.Text.Json.Serialization;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model;

/// <summary>A list of objects of one kind, as returned by a list call (e.g. <c>PodList</c>) or a <c>v1 List</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class KubernetesList<T>
    where T : IKubernetesObject
{
    /// <summary>The versioned schema, e.g. <c>v1</c>.</summary>
    [JsonPropertyOrder(-3)]
    public string ApiVersion { get; set; } = "v1";

    /// <summary>The list kind, e.g. <c>PodList</c>; defaults to <c>List</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string Kind { get; set; } = "List";

    /// <summary>Standard list metadata.</summary>
    [JsonPropertyOrder(-1)]
    public ListMeta Metadata { get; set; } = new();

    /// <summary>The items.</summary>
    public List<T> Items { get; set; } = [];
}
