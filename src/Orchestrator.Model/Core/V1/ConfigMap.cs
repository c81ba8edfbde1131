namespace Orchestrator.Model.Core.V1;

/// <summary>Configuration data for pods to consume (core/v1 ConfigMap).</summary>
public sealed class ConfigMap : KubernetesObject
{
    /// <summary>Creates an empty config map.</summary>
    public ConfigMap()
        : base("v1", "ConfigMap")
    {
    }

    /// <summary>UTF-8 data; keys consist of alphanumerics, '-', '_' or '.' and may not overlap binaryData.</summary>
    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Binary data, base64 on the wire.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; set; }

    /// <summary>When true only metadata can change. Default false (nil).</summary>
    public bool? Immutable { get; set; }
}
