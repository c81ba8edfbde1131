using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Apps.V1;

/// <summary>Pods with stable identities and storage (apps/v1 StatefulSet).</summary>
public sealed class StatefulSet : KubernetesObject
{
    /// <summary>Creates an empty stateful set.</summary>
    public StatefulSet()
        : base("apps/v1", "StatefulSet")
    {
    }

    /// <summary>Desired identities of pods.</summary>
    public StatefulSetSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public StatefulSetStatus? Status { get; set; }
}

/// <summary>Desired stateful set behavior (apps/v1 StatefulSetSpec).</summary>
public sealed class StatefulSetSpec
{
    /// <summary>Desired number of pods. Default 1.</summary>
    public int? Replicas { get; set; }

    /// <summary>Label query over pods; must match the template's labels. Required. Immutable.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of the pods. Required.</summary>
    public PodTemplateSpec Template { get; set; } = new();

    /// <summary>Claims each pod gets, named &lt;claim&gt;-&lt;pod&gt;.</summary>
    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    /// <summary>Governing headless service that gives pods their DNS names.</summary>
    public string? ServiceName { get; set; }

    /// <summary>OrderedReady or Parallel. Default OrderedReady.</summary>
    public string? PodManagementPolicy { get; set; }

    /// <summary>How pods are updated when the template changes. Default RollingUpdate, partition 0.</summary>
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    /// <summary>Old revisions kept. Default 10.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Seconds a new pod must be ready to count as available. Default 0.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>What happens to claims on deletion and scale-down. Default Retain for both.</summary>
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    /// <summary>Ordinal numbering of replicas. Default start 0.</summary>
    public StatefulSetOrdinals? Ordinals { get; set; }
}

/// <summary>Update strategy (apps/v1 StatefulSetUpdateStrategy).</summary>
public sealed class StatefulSetUpdateStrategy
{
    /// <summary>RollingUpdate or OnDelete. Default RollingUpdate.</summary>
    public string? Type { get; set; }

    /// <summary>Parameters for RollingUpdate.</summary>
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

/// <summary>Rolling update parameters (apps/v1 RollingUpdateStatefulSetStrategy).</summary>
public sealed class RollingUpdateStatefulSetStrategy
{
    /// <summary>Pods with an ordinal at or above this are updated. Default 0.</summary>
    public int? Partition { get; set; }

    /// <summary>Pods that may be unavailable during the update. Default 1.</summary>
    public IntOrString? MaxUnavailable { get; set; }
}

/// <summary>Claim retention (apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy).</summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary>Retain or Delete when the set is deleted. Default Retain.</summary>
    public string? WhenDeleted { get; set; }

    /// <summary>Retain or Delete when the set is scaled down. Default Retain.</summary>
    public string? WhenScaled { get; set; }
}

/// <summary>Replica ordinal numbering (apps/v1 StatefulSetOrdinals).</summary>
public sealed class StatefulSetOrdinals
{
    /// <summary>First ordinal. Default 0.</summary>
    public int? Start { get; set; }
}

/// <summary>Observed stateful set state (apps/v1 StatefulSetStatus).</summary>
public sealed class StatefulSetStatus
{
    /// <summary>Generation observed by the controller.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods created. Required.</summary>
    public int Replicas { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods at currentRevision.</summary>
    public int? CurrentReplicas { get; set; }

    /// <summary>Pods at updateRevision.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Revision of pods 0..currentReplicas-1.</summary>
    public string? CurrentRevision { get; set; }

    /// <summary>Revision of pods being rolled out.</summary>
    public string? UpdateRevision { get; set; }

    /// <summary>Count of hash collisions.</summary>
    public int? CollisionCount { get; set; }

    /// <summary>Latest observations. Merged by type.</summary>
    [PatchMerge("type")]
    public List<StatefulSetCondition>? Conditions { get; set; }

    /// <summary>Pods ready for at least minReadySeconds.</summary>
    public int? AvailableReplicas { get; set; }
}

/// <summary>One stateful set condition (apps/v1 StatefulSetCondition).</summary>
public sealed class StatefulSetCondition
{
    /// <summary>Type of the condition. Required.</summary>
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
