using Orchestrator.Model.Meta;

namespace Orchestrator.Model;

/// <summary>Every API object: its type (apiVersion, kind) and its standard object metadata.</summary>
public interface IKubernetesObject
{
    /// <summary>The versioned schema of this representation, e.g. <c>v1</c> or <c>apps/v1</c>.</summary>
    string ApiVersion { get; set; }

    /// <summary>The REST resource kind in CamelCase, e.g. <c>Pod</c>.</summary>
    string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    ObjectMeta Metadata { get; set; }
}
