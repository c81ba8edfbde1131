using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A user's request for and claim to a persistent volume (core/v1 PersistentVolumeClaim).</summary>
public sealed class PersistentVolumeClaim : KubernetesObject
{
    /// <summary>Creates an empty claim.</summary>
    public PersistentVolumeClaim()
        : base("v1", "PersistentVolumeClaim")
    {
    }

    /// <summary>Desired characteristics of the volume.</summary>
    public PersistentVolumeClaimSpec Spec { get; set; } = new();

    /// <summary>Observed status. Read-only.</summary>
    public PersistentVolumeClaimStatus? Status { get; set; }
}

/// <summary>Desired volume characteristics (core/v1 PersistentVolumeClaimSpec).</summary>
public sealed class PersistentVolumeClaimSpec
{
    /// <summary>ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.</summary>
    public List<string>? AccessModes { get; set; }

    /// <summary>Label query over volumes to bind to.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Minimum resources the volume should have.</summary>
    public VolumeResourceRequirements? Resources { get; set; }

    /// <summary>Binding to a specific volume.</summary>
    public string? VolumeName { get; set; }

    /// <summary>StorageClass to use; "" requests no class. Default: the cluster's default class.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>Filesystem or Block. Default Filesystem.</summary>
    public string? VolumeMode { get; set; }

    /// <summary>Source to pre-populate the volume from.</summary>
    public TypedLocalObjectReference? DataSource { get; set; }
}

/// <summary>Storage resources (core/v1 VolumeResourceRequirements).</summary>
public sealed class VolumeResourceRequirements
{
    /// <summary>Maximum resources.</summary>
    public Dictionary<string, Quantity>? Limits { get; set; }

    /// <summary>Minimum resources, e.g. storage: 1Gi.</summary>
    public Dictionary<string, Quantity>? Requests { get; set; }
}

/// <summary>A reference to an object in the same namespace by group, kind and name (core/v1 TypedLocalObjectReference).</summary>
public sealed class TypedLocalObjectReference
{
    /// <summary>API group of the referent; empty for the core group.</summary>
    public string? ApiGroup { get; set; }

    /// <summary>Kind of the referent. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Name of the referent. Required.</summary>
    public string Name { get; set; } = "";
}

/// <summary>Observed claim state (core/v1 PersistentVolumeClaimStatus).</summary>
public sealed class PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost.</summary>
    public string? Phase { get; set; }

    /// <summary>Access modes of the bound volume.</summary>
    public List<string>? AccessModes { get; set; }

    /// <summary>Capacity of the bound volume.</summary>
    public Dictionary<string, Quantity>? Capacity { get; set; }
}
