using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Defaulting;

/// <summary>
/// Applies Kubernetes' defaults to an object of any kind, as the apiserver does on every create and
/// update before validation. Kinds without defaults are left as they are.
/// </summary>
public static class ObjectDefaulter
{
    /// <summary>Fills the unset defaulted fields of <paramref name="obj"/> in place.</summary>
    public static void Apply(IKubernetesObject obj)
    {
        switch (obj)
        {
            case Pod pod: PodDefaults.Apply(pod.Spec); break;
            case Deployment deployment: WorkloadDefaults.Apply(deployment); break;
            case ReplicaSet replicaSet: WorkloadDefaults.Apply(replicaSet); break;
            case StatefulSet statefulSet: WorkloadDefaults.Apply(statefulSet); break;
            case DaemonSet daemonSet: WorkloadDefaults.Apply(daemonSet); break;
            case Job job: WorkloadDefaults.Apply(job.Spec); break;
            case CronJob cronJob: WorkloadDefaults.Apply(cronJob); break;
            case Service service: WorkloadDefaults.Apply(service); break;
            case HorizontalPodAutoscaler autoscaler: WorkloadDefaults.Apply(autoscaler); break;
        }
    }
}
