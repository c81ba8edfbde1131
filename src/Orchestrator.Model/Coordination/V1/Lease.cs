using System.Text.Json.Serialization;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Coordination.V1;

/// <summary>A lease for leader election and heartbeats (coordination.k8s.io/v1 Lease).</summary>
public sealed class Lease : KubernetesObject
{
    /// <summary>Creates an empty lease.</summary>
    public Lease()
        : base("coordination.k8s.io/v1", "Lease")
    {
    }

    /// <summary>The lease.</summary>
    public LeaseSpec Spec { get; set; } = new();
}

/// <summary>Lease state (coordination.k8s.io/v1 LeaseSpec).</summary>
public sealed class LeaseSpec
{
    /// <summary>Identity of the current holder.</summary>
    public string? HolderIdentity { get; set; }

    /// <summary>Seconds candidates wait before forcing acquisition, measured from renewTime.</summary>
    public int? LeaseDurationSeconds { get; set; }

    /// <summary>When the current lease was acquired.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    /// <summary>When the holder last renewed the lease.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary>Transitions of the lease between holders.</summary>
    public int? LeaseTransitions { get; set; }

    /// <summary>Leader election strategy, e.g. OldestEmulationVersion.</summary>
    public string? Strategy { get; set; }

    /// <summary>Holder signalled to take over next.</summary>
    public string? PreferredHolder { get; set; }
}
