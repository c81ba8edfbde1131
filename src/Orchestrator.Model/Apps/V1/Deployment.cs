using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Apps.V1;

/// <summary>Declarative updates for pods and replica sets (apps/v1 Deployment).</summary>
public sealed class Deployment : KubernetesObject
{
    /// <summary>Creates an empty deployment.</summary>
    public Deployment()
        : base("apps/v1", "Deployment")
    {
    }

    /// <summary>Desired behavior.</summary>
    public DeploymentSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public DeploymentStatus? Status { get; set; }
}

/// <summary>Desired deployment behavior (apps/v1 DeploymentSpec).</summary>
public sealed class DeploymentSpec
{
    /// <summary>Desired number of pods. Default 1.</summary>
    public int? Replicas { get; set; }

    /// <summary>Label query over pods; must match the template's labels. Required. Immutable.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of the pods. Required.</summary>
    public PodTemplateSpec Template { get; set; } = new();

    /// <summary>How old pods are replaced by new ones. Default RollingUpdate with 25%/25%.</summary>
    public DeploymentStrategy? Strategy { get; set; }

    /// <summary>Seconds a new pod must be ready without crashing to count as available. Default 0.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Old replica sets kept for rollback. Default 10.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Paused deployments are not rolled out. Default false.</summary>
    public bool? Paused { get; set; }

    /// <summary>Seconds before a stalled rollout is reported as failed. Default 600.</summary>
    public int? ProgressDeadlineSeconds { get; set; }
}

/// <summary>How a deployment replaces pods (apps/v1 DeploymentStrategy).</summary>
public sealed class DeploymentStrategy
{
    /// <summary>Recreate or RollingUpdate. Default RollingUpdate.</summary>
    public string? Type { get; set; }

    /// <summary>Rolling update parameters; only with type RollingUpdate.</summary>
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>Rolling update parameters (apps/v1 RollingUpdateDeployment).</summary>
public sealed class RollingUpdateDeployment
{
    /// <summary>Pods that may be unavailable during the update, a number or a percentage (rounded down). Default 25%.</summary>
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Pods that may be created above the desired count, a number or a percentage (rounded up). Default 25%.</summary>
    public IntOrString? MaxSurge { get; set; }
}

/// <summary>Observed deployment state (apps/v1 DeploymentStatus).</summary>
public sealed class DeploymentStatus
{
    /// <summary>Generation observed by the controller.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Non-terminating pods targeted by this deployment.</summary>
    public int? Replicas { get; set; }

    /// <summary>Non-terminating pods with the desired template.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods available for at least minReadySeconds.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Pods still needed for 100% availability.</summary>
    public int? UnavailableReplicas { get; set; }

    /// <summary>Terminating pods.</summary>
    public int? TerminatingReplicas { get; set; }

    /// <summary>Latest observations: Available, Progressing, ReplicaFailure. Merged by type.</summary>
    [PatchMerge("type")]
    public List<DeploymentCondition>? Conditions { get; set; }

    /// <summary>Count of hash collisions, used to name the newest replica set.</summary>
    public int? CollisionCount { get; set; }
}

/// <summary>One deployment condition (apps/v1 DeploymentCondition).</summary>
public sealed class DeploymentCondition
{
    /// <summary>Available, Progressing or ReplicaFailure. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition was updated.</summary>
    public DateTimeOffset? LastUpdateTime { get; set; }

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason, e.g. NewReplicaSetAvailable.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }
}

/// <summary>Values of <see cref="DeploymentStrategy.Type"/>.</summary>
public static class DeploymentStrategyType
{
    /// <summary>Kill all existing pods before creating new ones.</summary>
    public const string Recreate = "Recreate";

    /// <summary>Replace pods gradually (the default).</summary>
    public const string RollingUpdate = "RollingUpdate";
}
