using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Batch.V1;

/// <summary>A run-to-completion workload (batch/v1 Job).</summary>
public sealed class Job : KubernetesObject
{
    /// <summary>Creates an empty job.</summary>
    public Job()
        : base("batch/v1", "Job")
    {
    }

    /// <summary>Desired behavior.</summary>
    public JobSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public JobStatus? Status { get; set; }
}

/// <summary>Desired job behavior (batch/v1 JobSpec).</summary>
public sealed class JobSpec
{
    /// <summary>Maximum pods running at once. Default 1.</summary>
    public int? Parallelism { get; set; }

    /// <summary>Successful pods needed to finish. Default 1 (any single success when parallelism is set and completions not).</summary>
    public int? Completions { get; set; }

    /// <summary>Seconds the job may be active before the system terminates it; a positive integer.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>Retries before the job is marked failed. Default 6.</summary>
    public int? BackoffLimit { get; set; }

    /// <summary>Retries per index for an Indexed job.</summary>
    public int? BackoffLimitPerIndex { get; set; }

    /// <summary>Failed indexes allowed before the whole job fails.</summary>
    public int? MaxFailedIndexes { get; set; }

    /// <summary>Label query over pods; generated unless manualSelector is true.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>Use the given selector instead of a generated one. Default false.</summary>
    public bool? ManualSelector { get; set; }

    /// <summary>Template of the pods; restartPolicy must be Never or OnFailure. Required.</summary>
    public PodTemplateSpec Template { get; set; } = new();

    /// <summary>Seconds after finishing before the job is deleted. Default: never.</summary>
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>NonIndexed or Indexed. Default NonIndexed.</summary>
    public string? CompletionMode { get; set; }

    /// <summary>Suspend creating pods. Default false.</summary>
    public bool? Suspend { get; set; }

    /// <summary>TerminatingOrFailed or Failed. Default TerminatingOrFailed.</summary>
    public string? PodReplacementPolicy { get; set; }
}

/// <summary>Observed job state (batch/v1 JobStatus).</summary>
public sealed class JobStatus
{
    /// <summary>Latest observations: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet. Merged by type.</summary>
    [PatchMerge("type")]
    public List<JobCondition>? Conditions { get; set; }

    /// <summary>When the controller started processing the job.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When the job completed.</summary>
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>Pending and running pods.</summary>
    public int? Active { get; set; }

    /// <summary>Pods that reached phase Succeeded.</summary>
    public int? Succeeded { get; set; }

    /// <summary>Pods that reached phase Failed.</summary>
    public int? Failed { get; set; }

    /// <summary>Terminating pods.</summary>
    public int? Terminating { get; set; }

    /// <summary>Completed indexes of an Indexed job, e.g. "1,3-5".</summary>
    public string? CompletedIndexes { get; set; }

    /// <summary>Failed indexes of an Indexed job.</summary>
    public string? FailedIndexes { get; set; }

    /// <summary>Ready pods.</summary>
    public int? Ready { get; set; }

    /// <summary>Finished pods not yet counted in succeeded or failed.</summary>
    public UncountedTerminatedPods? UncountedTerminatedPods { get; set; }
}

/// <summary>UIDs of finished pods not yet counted (batch/v1 UncountedTerminatedPods).</summary>
public sealed class UncountedTerminatedPods
{
    /// <summary>UIDs of succeeded pods.</summary>
    public List<string>? Succeeded { get; set; }

    /// <summary>UIDs of failed pods.</summary>
    public List<string>? Failed { get; set; }
}

/// <summary>One job condition (batch/v1 JobCondition).</summary>
public sealed class JobCondition
{
    /// <summary>Complete, Failed, Suspended, ... Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition was checked.</summary>
    public DateTimeOffset? LastProbeTime { get; set; }

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason, e.g. BackoffLimitExceeded.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }
}
