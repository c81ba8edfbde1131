using System.Text.Json.Serialization;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model;

/// <summary>
/// Every API object: its type (apiVersion, kind) and its standard object metadata. Held as this interface
/// (in a message or a list) it serializes whole, in Kubernetes JSON, and reads back as its own type.
/// </summary>
[JsonConverter(typeof(KubernetesObjectJsonConverter))]
public interface IKubernetesObject
{
    /// <summary>The versioned schema of this representation, e.g. <c>v1</c> or <c>apps/v1</c>.</summary>
    string ApiVersion { get; set; }

    /// <summary>The REST resource kind in CamelCase, e.g. <c>Pod</c>.</summary>
    string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    ObjectMeta Metadata { get; set; }
}
