using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Batch.V1;

/// <summary>Runs a job on a schedule (batch/v1 CronJob).</summary>
public sealed class CronJob : KubernetesObject
{
    /// <summary>Creates an empty cron job.</summary>
    public CronJob()
        : base("batch/v1", "CronJob")
    {
    }

    /// <summary>Desired behavior.</summary>
    public CronJobSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public CronJobStatus? Status { get; set; }
}

/// <summary>Desired cron job behavior (batch/v1 CronJobSpec).</summary>
public sealed class CronJobSpec
{
    /// <summary>Schedule in Cron format, e.g. "*/5 * * * *". Required.</summary>
    public string Schedule { get; set; } = "";

    /// <summary>Time zone of the schedule, e.g. Etc/UTC. Default: the controller manager's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Seconds after a missed start time the job may still start. Default: no deadline.</summary>
    public long? StartingDeadlineSeconds { get; set; }

    /// <summary>Allow, Forbid or Replace. Default Allow.</summary>
    public string? ConcurrencyPolicy { get; set; }

    /// <summary>Suspend subsequent runs. Default false.</summary>
    public bool? Suspend { get; set; }

    /// <summary>The job to create. Required.</summary>
    public JobTemplateSpec JobTemplate { get; set; } = new();

    /// <summary>Successful finished jobs to keep. Default 3.</summary>
    public int? SuccessfulJobsHistoryLimit { get; set; }

    /// <summary>Failed finished jobs to keep. Default 1.</summary>
    public int? FailedJobsHistoryLimit { get; set; }
}

/// <summary>Metadata and spec of the jobs a cron job creates (batch/v1 JobTemplateSpec).</summary>
public sealed class JobTemplateSpec
{
    /// <summary>Metadata of created jobs.</summary>
    public ObjectMeta? Metadata { get; set; }

    /// <summary>Spec of created jobs.</summary>
    public JobSpec Spec { get; set; } = new();
}

/// <summary>Observed cron job state (batch/v1 CronJobStatus).</summary>
public sealed class CronJobStatus
{
    /// <summary>Running jobs.</summary>
    public List<ObjectReference>? Active { get; set; }

    /// <summary>Last time a job was scheduled.</summary>
    public DateTimeOffset? LastScheduleTime { get; set; }

    /// <summary>Last time a job completed successfully.</summary>
    public DateTimeOffset? LastSuccessfulTime { get; set; }
}
