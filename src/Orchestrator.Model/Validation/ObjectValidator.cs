using System.Text.Json;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Networking.V1;
using Orchestrator.Model.Rbac.V1;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Validation;

/// <summary>
/// The apiserver's validation of objects on create and update. Every failing field is reported, each with its
/// Kubernetes-style path and message; <see cref="ValidationResult.Format(IKubernetesObject, string?, int?)"/> prints them as kubectl does.
/// </summary>
public static class ObjectValidator
{
    /// <summary>Largest object the store accepts, 1.5 MiB of JSON (etcd's request limit).</summary>
    public const int MaxObjectSizeBytes = 1536 * 1024;

    /// <summary>Validates an object for creation.</summary>
    public static ValidationResult Validate(IKubernetesObject obj, ResourceRegistry? registry = null)
    {
        var errors = new ErrorList();
        var type = (registry ?? ResourceRegistry.Default).TryGetByClrType(obj.GetType(), out var found) ? found : null;
        var namespaced = type?.Namespaced ?? true;
        MetadataValidation.Validate(obj.Metadata, namespaced, NameRule(obj), errors);
        ValidateKind(obj, errors);
        var size = JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), KubernetesJson.Options).Length;
        if (size > MaxObjectSizeBytes)
        {
            errors.Add(new FieldError(FieldErrorType.TooLong, string.Empty, null, $"object is {size} bytes; may not be more than {MaxObjectSizeBytes} bytes (1.5 MiB)"));
        }

        return new ValidationResult(errors);
    }

    /// <summary>Validates an update: the new object on its own, then the fields that may not change.</summary>
    public static ValidationResult ValidateUpdate(IKubernetesObject updated, IKubernetesObject existing, ResourceRegistry? registry = null)
    {
        if (updated.GetType() != existing.GetType())
        {
            return new ValidationResult([FieldError.Invalid(FieldPath.Of("kind"), updated.Kind, $"must stay {existing.Kind}")]);
        }

        var errors = new ErrorList();
        errors.AddRange(Validate(updated, registry).Errors);
        UpdateValidation.Validate(updated, existing, errors);
        return new ValidationResult(errors);
    }

    /// <summary>The name rule of a kind: DNS-1123 label for namespaces and services' DNS-1035, subdomain for most.</summary>
    private static Func<string, IReadOnlyList<string>> NameRule(IKubernetesObject obj) => obj switch
    {
        Core.V1.Namespace => NameRules.Dns1123Label,
        Service => NameRules.Dns1035Label,
        Role or ClusterRole or RoleBinding or ClusterRoleBinding => PathSegmentName,
        _ => NameRules.Dns1123Subdomain,
    };

    /// <summary>RBAC names only need to be usable as a path segment.</summary>
    private static IReadOnlyList<string> PathSegmentName(string name) =>
        name is "." or ".." ? [$"may not be '{name}'"]
        : name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal) ? ["may not contain '/' or '%'"]
        : [];

    private static void ValidateKind(IKubernetesObject obj, ErrorList errors)
    {
        switch (obj)
        {
            case Pod pod: CoreValidation.Pod(pod, errors); break;
            case Service service: CoreValidation.Service(service, errors); break;
            case ConfigMap configMap: CoreValidation.ConfigMap(configMap, errors); break;
            case Secret secret: CoreValidation.Secret(secret, errors); break;
            case Node node: CoreValidation.Node(node, errors); break;
            case Endpoints endpoints: CoreValidation.Endpoints(endpoints, errors); break;
            case ResourceQuota quota: CoreValidation.ResourceQuota(quota, errors); break;
            case LimitRange limitRange: CoreValidation.LimitRange(limitRange, errors); break;
            case Event ev: CoreValidation.Event(ev, errors); break;
            case PersistentVolumeClaim claim: CoreValidation.PersistentVolumeClaimSpec(claim.Spec, FieldPath.Of("spec"), errors); break;
            case Deployment deployment: WorkloadValidation.Deployment(deployment, errors); break;
            case ReplicaSet replicaSet: WorkloadValidation.ReplicaSet(replicaSet, errors); break;
            case StatefulSet statefulSet: WorkloadValidation.StatefulSet(statefulSet, errors); break;
            case DaemonSet daemonSet: WorkloadValidation.DaemonSet(daemonSet, errors); break;
            case Job job: WorkloadValidation.Job(job, errors); break;
            case CronJob cronJob: WorkloadValidation.CronJob(cronJob, errors); break;
            case Ingress ingress: ApiGroupValidation.Ingress(ingress, errors); break;
            case Role role: ApiGroupValidation.Rules(role.Rules, namespaced: true, errors); break;
            case ClusterRole clusterRole: ApiGroupValidation.Rules(clusterRole.Rules, namespaced: false, errors); break;
            case RoleBinding binding: ApiGroupValidation.Binding(binding.Subjects, binding.RoleRef, clusterBinding: false, errors); break;
            case ClusterRoleBinding binding: ApiGroupValidation.Binding(binding.Subjects, binding.RoleRef, clusterBinding: true, errors); break;
            case HorizontalPodAutoscaler hpa: ApiGroupValidation.HorizontalPodAutoscaler(hpa, errors); break;
            case Lease lease: ApiGroupValidation.Lease(lease, errors); break;
        }
    }
}
