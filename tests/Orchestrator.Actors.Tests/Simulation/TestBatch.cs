using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Simulation;

/// <summary>Jobs and CronJobs for controller specs: one busybox container, pods bound to a node when given.</summary>
public static class TestBatch
{
    /// <summary>A Job template's pod spec (restartPolicy Never unless given).</summary>
    public static PodTemplateSpec Template(string? node, string restartPolicy = RestartPolicy.Never) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "batch" } },
        Spec = new PodSpec { NodeName = node, RestartPolicy = restartPolicy, Containers = [new Container { Name = "work", Image = "busybox:1.36" }] },
    };

    /// <summary>A Job.</summary>
    public static Job Job(string name, int? completions = null, int? parallelism = null, int? backoffLimit = null, string? node = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new JobSpec { Completions = completions, Parallelism = parallelism, BackoffLimit = backoffLimit, Template = Template(node) },
    };

    /// <summary>A CronJob on <paramref name="schedule"/>.</summary>
    public static CronJob CronJob(string name, string schedule, string? concurrencyPolicy = null, string? node = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new CronJobSpec
        {
            Schedule = schedule,
            ConcurrencyPolicy = concurrencyPolicy,
            JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = Template(node) } },
        },
    };

    /// <summary>
    /// The status a kubelet reports when the pod's container exited with <paramref name="exitCode"/>: phase
    /// Succeeded for 0, Failed otherwise. The simulated node only runs pods; tests end them with this.
    /// </summary>
    public static Pod Finished(Pod pod, int exitCode)
    {
        var now = DateTimeOffset.UtcNow;
        return new Pod
        {
            Metadata = { Name = pod.Metadata.Name, Namespace = pod.Metadata.Namespace, Uid = pod.Metadata.Uid },
            Status = new PodStatus
            {
                Phase = exitCode == 0 ? PodPhase.Succeeded : PodPhase.Failed,
                StartTime = pod.Status?.StartTime,
                Conditions = [new PodCondition { Type = "Ready", Status = "False", Reason = "PodCompleted", LastTransitionTime = now }],
                ContainerStatuses = pod.Spec.Containers.Select(c => new ContainerStatus
                {
                    Name = c.Name,
                    Image = c.Image ?? "",
                    State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, FinishedAt = now, Reason = exitCode == 0 ? "Completed" : "Error" } },
                }).ToList(),
            },
        };
    }
}
