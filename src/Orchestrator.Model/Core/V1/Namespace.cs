using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Core.V1;

/// <summary>A scope for names (core/v1 Namespace). Cluster-scoped.</summary>
public sealed class Namespace : KubernetesObject
{
    /// <summary>Creates an empty namespace.</summary>
    public Namespace()
        : base("v1", "Namespace")
    {
    }

    /// <summary>Behavior of the namespace.</summary>
    public NamespaceSpec? Spec { get; set; }

    /// <summary>Observed status. Read-only.</summary>
    public NamespaceStatus? Status { get; set; }
}

/// <summary>Namespace behavior (core/v1 NamespaceSpec).</summary>
public sealed class NamespaceSpec
{
    /// <summary>Opaque values that must be empty before the namespace is removed. Default ["kubernetes"].</summary>
    public List<string>? Finalizers { get; set; }
}

/// <summary>Observed namespace state (core/v1 NamespaceStatus).</summary>
public sealed class NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    public string? Phase { get; set; }

    /// <summary>Conditions. Merged by type.</summary>
    [PatchMerge("type")]
    public List<NamespaceCondition>? Conditions { get; set; }
}

/// <summary>One namespace condition (core/v1 NamespaceCondition).</summary>
public sealed class NamespaceCondition
{
    /// <summary>Type of the condition. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Details of the last transition.</summary>
    public string? Message { get; set; }
}
