using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Defaulting;

/// <summary>The apiserver's defaults for the workload kinds (apps/v1, batch/v1, autoscaling/v2) and Services.</summary>
public static class WorkloadDefaults
{
    /// <summary>Old ReplicaSets kept for rollback when the Deployment names no limit.</summary>
    public const int RevisionHistoryLimit = 10;

    /// <summary>Fills the unset fields of a Deployment: replicas 1, RollingUpdate 25%/25%, history 10, progress deadline 600 s.</summary>
    public static void Apply(Deployment deployment)
    {
        var spec = deployment.Spec;
        spec.Replicas ??= 1;
        spec.Strategy ??= new DeploymentStrategy();
        spec.Strategy.Type ??= "RollingUpdate";
        if (spec.Strategy.Type == "RollingUpdate")
        {
            spec.Strategy.RollingUpdate ??= new RollingUpdateDeployment();
            spec.Strategy.RollingUpdate.MaxUnavailable ??= "25%";
            spec.Strategy.RollingUpdate.MaxSurge ??= "25%";
        }
        spec.RevisionHistoryLimit ??= RevisionHistoryLimit;
        spec.ProgressDeadlineSeconds ??= 600;
        PodDefaults.Apply(spec.Template.Spec);
    }

    /// <summary>Fills the unset fields of a ReplicaSet: replicas 1.</summary>
    public static void Apply(ReplicaSet replicaSet)
    {
        replicaSet.Spec.Replicas ??= 1;
        if (replicaSet.Spec.Template is { } template) PodDefaults.Apply(template.Spec);
    }

    /// <summary>Fills the unset fields of a StatefulSet: replicas 1, OrderedReady, RollingUpdate with partition 0, history 10.</summary>
    public static void Apply(StatefulSet statefulSet)
    {
        var spec = statefulSet.Spec;
        spec.Replicas ??= 1;
        spec.PodManagementPolicy ??= "OrderedReady";
        spec.UpdateStrategy ??= new StatefulSetUpdateStrategy();
        spec.UpdateStrategy.Type ??= "RollingUpdate";
        if (spec.UpdateStrategy.Type == "RollingUpdate")
        {
            spec.UpdateStrategy.RollingUpdate ??= new RollingUpdateStatefulSetStrategy();
            spec.UpdateStrategy.RollingUpdate.Partition ??= 0;
        }
        spec.RevisionHistoryLimit ??= RevisionHistoryLimit;
        PodDefaults.Apply(spec.Template.Spec);
    }

    /// <summary>Fills the unset fields of a DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, history 10.</summary>
    public static void Apply(DaemonSet daemonSet)
    {
        var spec = daemonSet.Spec;
        spec.UpdateStrategy ??= new DaemonSetUpdateStrategy();
        spec.UpdateStrategy.Type ??= "RollingUpdate";
        if (spec.UpdateStrategy.Type == "RollingUpdate")
        {
            spec.UpdateStrategy.RollingUpdate ??= new RollingUpdateDaemonSet();
            spec.UpdateStrategy.RollingUpdate.MaxUnavailable ??= 1;
            spec.UpdateStrategy.RollingUpdate.MaxSurge ??= 0;
        }
        spec.RevisionHistoryLimit ??= RevisionHistoryLimit;
        PodDefaults.Apply(spec.Template.Spec);
    }

    /// <summary>Fills the unset fields of a Job spec: parallelism 1 (and completions 1 when neither is set), backoffLimit 6, NonIndexed.</summary>
    public static void Apply(JobSpec spec)
    {
        if (spec.Completions is null && spec.Parallelism is null) spec.Completions = 1;
        spec.Parallelism ??= 1;
        spec.BackoffLimit ??= 6;
        spec.CompletionMode ??= "NonIndexed";
        spec.Suspend ??= false;
        PodDefaults.Apply(spec.Template.Spec);
    }

    /// <summary>Fills the unset fields of a CronJob: Allow, not suspended, keep 3 successful and 1 failed Job.</summary>
    public static void Apply(CronJob cronJob)
    {
        var spec = cronJob.Spec;
        spec.ConcurrencyPolicy ??= "Allow";
        spec.Suspend ??= false;
        spec.SuccessfulJobsHistoryLimit ??= 3;
        spec.FailedJobsHistoryLimit ??= 1;
        Apply(spec.JobTemplate.Spec);
    }

    /// <summary>Fills the unset fields of a Service: ClusterIP, no session affinity, TCP ports whose targetPort is the port.</summary>
    public static void Apply(Service service)
    {
        var spec = service.Spec;
        spec.Type ??= "ClusterIP";
        spec.SessionAffinity ??= "None";
        if (spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer") spec.InternalTrafficPolicy ??= "Cluster";
        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol ??= "TCP";
            port.TargetPort ??= port.Port;
        }
    }

    /// <summary>Fills the unset fields of a HorizontalPodAutoscaler: minReplicas 1.</summary>
    public static void Apply(HorizontalPodAutoscaler autoscaler) => autoscaler.Spec.MinReplicas ??= 1;
}
