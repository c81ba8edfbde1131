using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Apps.V1;

/// <summary>Ensures a number of pod replicas run (apps/v1 ReplicaSet).</summary>
public sealed class ReplicaSet : KubernetesObject
{
    /// <summary>Creates an empty replica set.</summary>
    public ReplicaSet()
        : base("apps/v1", "ReplicaSet")
    {
    }

    /// <summary>Desired behavior.</summary>
    public ReplicaSetSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public ReplicaSetStatus? Status { get; set; }
}

/// <summary>Desired replica set behavior (apps/v1 ReplicaSetSpec).</summary>
public sealed class ReplicaSetSpec
{
    /// <summary>Desired number of pods. Default 1.</summary>
    public int? Replicas { get; set; }

    /// <summary>Seconds a new pod must be ready to count as available. Default 0.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Label query over pods; must match the template's labels. Required. Immutable.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of pods created when too few exist.</summary>
    public PodTemplateSpec? Template { get; set; }
}

/// <summary>Observed replica set state (apps/v1 ReplicaSetStatus).</summary>
public sealed class ReplicaSetStatus
{
    /// <summary>Most recently observed number of non-terminating pods. Required.</summary>
    public int Replicas { get; set; }

    /// <summary>Pods whose labels match the template's labels.</summary>
    public int? FullyLabeledReplicas { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Terminating pods.</summary>
    public int? TerminatingReplicas { get; set; }

    /// <summary>Generation observed by the controller.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Latest observations. Merged by type.</summary>
    [PatchMerge("type")]
    public List<ReplicaSetCondition>? Conditions { get; set; }
}

/// <summary>One replica set condition (apps/v1 ReplicaSetCondition).</summary>
public sealed class ReplicaSetCondition
{
    /// <summary>ReplicaFailure. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }
}
