using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Core.V1;

/// <summary>An identity for processes in pods (core/v1 ServiceAccount).</summary>
public sealed class ServiceAccount : KubernetesObject
{
    /// <summary>Creates an empty service account.</summary>
    public ServiceAccount()
        : base("v1", "ServiceAccount")
    {
    }

    /// <summary>Secrets pods running as this account may use. Merged by name.</summary>
    [PatchMerge("name")]
    public List<ObjectReference>? Secrets { get; set; }

    /// <summary>Secrets used to pull images for pods running as this account.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Mount an API token automatically; pods can override. Default true.</summary>
    public bool? AutomountServiceAccountToken { get; set; }
}
