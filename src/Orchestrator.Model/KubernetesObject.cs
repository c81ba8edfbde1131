using System.Text.Json.Serialization;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model;

/// <summary>Base of every built-in kind: sets apiVersion and kind and writes them, then metadata, first.</summary>
public abstract class KubernetesObject : IKubernetesObject
{
    /// <summary>Starts an object of the given type.</summary>
    protected KubernetesObject(string apiVersion, string kind)
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <inheritdoc />
    [JsonPropertyOrder(-3)]
    public string ApiVersion { get; set; }

    /// <inheritdoc />
    [JsonPropertyOrder(-2)]
    public string Kind { get; set; }

    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>"Kind namespace/name" for messages.</summary>
    public override string ToString() =>
        Metadata.Namespace is { Length: > 0 } ns ? $"{Kind} {ns}/{Metadata.Name}" : $"{Kind} {Metadata.Name}";
}
