using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Apps.V1;

/// <summary>Runs a copy of a pod on every eligible node (apps/v1 DaemonSet).</summary>
public sealed class DaemonSet : KubernetesObject
{
    /// <summary>Creates an empty daemon set.</summary>
    public DaemonSet()
        : base("apps/v1", "DaemonSet")
    {
    }

    /// <summary>Desired behavior.</summary>
    public DaemonSetSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public DaemonSetStatus? Status { get; set; }
}

/// <summary>Desired daemon set behavior (apps/v1 DaemonSetSpec).</summary>
public sealed class DaemonSetSpec
{
    /// <summary>Label query over pods; must match the template's labels. Required. Immutable.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of the pods. Required.</summary>
    public PodTemplateSpec Template { get; set; } = new();

    /// <summary>How pods are replaced. Default RollingUpdate with maxUnavailable 1.</summary>
    public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }

    /// <summary>Seconds a new pod must be ready to count as available. Default 0.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Old histories kept. Default 10.</summary>
    public int? RevisionHistoryLimit { get; set; }
}

/// <summary>Update strategy (apps/v1 DaemonSetUpdateStrategy).</summary>
public sealed class DaemonSetUpdateStrategy
{
    /// <summary>RollingUpdate or OnDelete. Default RollingUpdate.</summary>
    public string? Type { get; set; }

    /// <summary>Rolling update parameters.</summary>
    public RollingUpdateDaemonSet? RollingUpdate { get; set; }
}

/// <summary>Rolling update parameters (apps/v1 RollingUpdateDaemonSet).</summary>
public sealed class RollingUpdateDaemonSet
{
    /// <summary>Nodes whose daemon pod may be unavailable at once. Default 1.</summary>
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Nodes that may run an extra updated pod during the update. Default 0.</summary>
    public IntOrString? MaxSurge { get; set; }
}

/// <summary>Observed daemon set state (apps/v1 DaemonSetStatus).</summary>
public sealed class DaemonSetStatus
{
    /// <summary>Nodes running at least one daemon pod that should. Required.</summary>
    public int CurrentNumberScheduled { get; set; }

    /// <summary>Nodes running the daemon pod that should not. Required.</summary>
    public int NumberMisscheduled { get; set; }

    /// <summary>Nodes that should run the daemon pod. Required.</summary>
    public int DesiredNumberScheduled { get; set; }

    /// <summary>Nodes with a ready daemon pod. Required.</summary>
    public int NumberReady { get; set; }

    /// <summary>Generation observed by the controller.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Nodes running the updated daemon pod.</summary>
    public int? UpdatedNumberScheduled { get; set; }

    /// <summary>Nodes with an available daemon pod.</summary>
    public int? NumberAvailable { get; set; }

    /// <summary>Nodes without an available daemon pod.</summary>
    public int? NumberUnavailable { get; set; }

    /// <summary>Count of hash collisions.</summary>
    public int? CollisionCount { get; set; }

    /// <summary>Latest observations. Merged by type.</summary>
    [PatchMerge("type")]
    public List<DaemonSetCondition>? Conditions { get; set; }
}

/// <summary>One daemon set condition (apps/v1 DaemonSetCondition).</summary>
public sealed class DaemonSetCondition
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
