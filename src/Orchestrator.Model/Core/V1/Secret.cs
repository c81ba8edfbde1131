namespace Orchestrator.Model.Core.V1;

/// <summary>Secret data such as passwords and keys (core/v1 Secret).</summary>
public sealed class Secret : KubernetesObject
{
    /// <summary>Creates an empty secret.</summary>
    public Secret()
        : base("v1", "Secret")
    {
    }

    /// <summary>Secret data; values are base64 on the wire and raw bytes here.</summary>
    public Dictionary<string, byte[]>? Data { get; set; }

    /// <summary>Write-only convenience: plain strings merged into data on write (they win over data). Never output by the server.</summary>
    public Dictionary<string, string>? StringData { get; set; }

    /// <summary>Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson, ... Default Opaque.</summary>
    public string? Type { get; set; }

    /// <summary>When true only metadata can change. Default false (nil).</summary>
    public bool? Immutable { get; set; }
}
