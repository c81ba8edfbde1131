using System.Text.Json.Nodes;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Rbac.V1;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Validation;

/// <summary>Fields that may not change on update, as the apiserver's ValidateXxxUpdate functions.</summary>
internal static class UpdateValidation
{
    private const string Immutable = "field is immutable";

    private const string PodUpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
        + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private static readonly FieldPath _spec = FieldPath.Of("spec");

    public static void Validate(IKubernetesObject updated, IKubernetesObject existing, ErrorList errors)
    {
        Metadata(updated.Metadata, existing.Metadata, errors);
        switch (updated, existing)
        {
            case (Pod pod, Pod old):
                PodSpec(pod.Spec, old.Spec, errors);
                break;
            case (Deployment deployment, Deployment old):
                Selector(deployment.Spec.Selector, old.Spec.Selector, errors);
                break;
            case (ReplicaSet replicaSet, ReplicaSet old):
                Selector(replicaSet.Spec.Selector, old.Spec.Selector, errors);
                break;
            case (DaemonSet daemonSet, DaemonSet old):
                Selector(daemonSet.Spec.Selector, old.Spec.Selector, errors);
                break;
            case (StatefulSet statefulSet, StatefulSet old):
                StatefulSetSpec(statefulSet.Spec, old.Spec, errors);
                break;
            case (Job job, Job old):
                JobSpec(job.Spec, old.Spec, errors);
                break;
            case (Service service, Service old):
                if (!string.IsNullOrEmpty(old.Spec.ClusterIP) && old.Spec.Type != "ExternalName" && service.Spec.Type != "ExternalName"
                    && service.Spec.ClusterIP != old.Spec.ClusterIP)
                {
                    errors.Invalid(_spec.Child("clusterIP"), service.Spec.ClusterIP ?? string.Empty, Immutable);
                }

                break;
            case (ConfigMap configMap, ConfigMap old):
                ImmutableData(configMap.Immutable, old.Immutable, () => Same(configMap.Data, old.Data) && Same(configMap.BinaryData, old.BinaryData), errors, "data", "binaryData");
                break;
            case (Secret secret, Secret old):
                if ((secret.Type ?? "Opaque") != (old.Type ?? "Opaque"))
                {
                    errors.Invalid(FieldPath.Of("type"), secret.Type ?? string.Empty, Immutable);
                }

                ImmutableData(secret.Immutable, old.Immutable, () => Same(secret.Data, old.Data) && secret.StringData is null or { Count: 0 }, errors, "data");
                break;
            case (RoleBinding binding, RoleBinding old) when !Same(binding.RoleRef, old.RoleRef):
                errors.Invalid(FieldPath.Of("roleRef"), binding.RoleRef, "cannot change roleRef");
                break;
            case (ClusterRoleBinding binding, ClusterRoleBinding old) when !Same(binding.RoleRef, old.RoleRef):
                errors.Invalid(FieldPath.Of("roleRef"), binding.RoleRef, "cannot change roleRef");
                break;
            case (PersistentVolumeClaim claim, PersistentVolumeClaim old):
                var mutable = ManifestSerializer.DeepCopy(old.Spec);
                mutable.Resources = claim.Spec.Resources;
                if (!Same(mutable, claim.Spec))
                {
                    errors.Forbidden(_spec, "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
                }

                break;
        }
    }

    private static void Metadata(ObjectMeta updated, ObjectMeta existing, ErrorList errors)
    {
        var path = FieldPath.Of("metadata");
        if (updated.Name != existing.Name)
        {
            errors.Invalid(path.Child("name"), updated.Name ?? string.Empty, Immutable);
        }

        if ((updated.Namespace ?? string.Empty) != (existing.Namespace ?? string.Empty))
        {
            errors.Invalid(path.Child("namespace"), updated.Namespace ?? string.Empty, Immutable);
        }

        if (!string.IsNullOrEmpty(existing.Uid) && !string.IsNullOrEmpty(updated.Uid) && updated.Uid != existing.Uid)
        {
            errors.Invalid(path.Child("uid"), updated.Uid, Immutable);
        }

        if (existing.CreationTimestamp is not null && updated.CreationTimestamp is not null && updated.CreationTimestamp != existing.CreationTimestamp)
        {
            errors.Invalid(path.Child("creationTimestamp"), updated.CreationTimestamp.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), Immutable);
        }
    }

    private static void Selector(LabelSelector? updated, LabelSelector? existing, ErrorList errors)
    {
        if (!Same(updated, existing))
        {
            errors.Invalid(_spec.Child("selector"), updated, Immutable);
        }
    }

    private static void PodSpec(PodSpec updated, PodSpec existing, ErrorList errors)
    {
        // Start from the old spec and apply the changes that are allowed; anything else left over is forbidden.
        var allowed = ManifestSerializer.DeepCopy(existing);
        for (var i = 0; i < Math.Min(allowed.Containers.Count, updated.Containers.Count); i++)
        {
            allowed.Containers[i].Image = updated.Containers[i].Image;
        }

        for (var i = 0; i < Math.Min(allowed.InitContainers?.Count ?? 0, updated.InitContainers?.Count ?? 0); i++)
        {
            allowed.InitContainers![i].Image = updated.InitContainers![i].Image;
        }

        if (existing.ActiveDeadlineSeconds is { } oldDeadline)
        {
            if (updated.ActiveDeadlineSeconds is null)
            {
                errors.Invalid(_spec.Child("activeDeadlineSeconds"), null, "must not update from a positive integer to nil value");
            }
            else if (updated.ActiveDeadlineSeconds > oldDeadline)
            {
                errors.Invalid(_spec.Child("activeDeadlineSeconds"), updated.ActiveDeadlineSeconds.Value, "must be less than or equal to previous value");
            }
        }

        allowed.ActiveDeadlineSeconds = updated.ActiveDeadlineSeconds;
        var oldTolerations = existing.Tolerations ?? [];
        var newTolerations = updated.Tolerations ?? [];
        foreach (var old in oldTolerations)
        {
            if (!newTolerations.Any(t => SameToleration(t, old)))
            {
                errors.Forbidden(_spec.Child("tolerations"), "existing toleration can not be modified except its tolerationSeconds");
                break;
            }
        }

        allowed.Tolerations = updated.Tolerations;
        if (existing.TerminationGracePeriodSeconds < 0 && updated.TerminationGracePeriodSeconds == 1)
        {
            allowed.TerminationGracePeriodSeconds = 1;
        }

        if (!Same(allowed, updated))
        {
            errors.Forbidden(_spec, PodUpdateForbidden);
        }
    }

    private static bool SameToleration(Toleration a, Toleration b) =>
        a.Key == b.Key && (a.Operator ?? "Equal") == (b.Operator ?? "Equal") && a.Value == b.Value && a.Effect == b.Effect
        && (b.TolerationSeconds is null ? a.TolerationSeconds is null : a.TolerationSeconds is not null);

    private static void StatefulSetSpec(StatefulSetSpec updated, StatefulSetSpec existing, ErrorList errors)
    {
        var allowed = ManifestSerializer.DeepCopy(existing);
        allowed.Replicas = updated.Replicas;
        allowed.Ordinals = updated.Ordinals;
        allowed.Template = updated.Template;
        allowed.UpdateStrategy = updated.UpdateStrategy;
        allowed.PersistentVolumeClaimRetentionPolicy = updated.PersistentVolumeClaimRetentionPolicy;
        allowed.MinReadySeconds = updated.MinReadySeconds;
        allowed.RevisionHistoryLimit = updated.RevisionHistoryLimit;
        if (!Same(allowed, updated))
        {
            errors.Forbidden(_spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }

    private static void JobSpec(JobSpec updated, JobSpec existing, ErrorList errors)
    {
        Selector(updated.Selector, existing.Selector, errors);
        if ((updated.CompletionMode ?? "NonIndexed") != (existing.CompletionMode ?? "NonIndexed"))
        {
            errors.Invalid(_spec.Child("completionMode"), updated.CompletionMode ?? string.Empty, Immutable);
        }

        if (updated.Completions != existing.Completions && updated.CompletionMode != "Indexed")
        {
            errors.Invalid(_spec.Child("completions"), updated.Completions, Immutable);
        }

        if (existing.Suspend != true && !Same(updated.Template, existing.Template))
        {
            errors.Invalid(_spec.Child("template"), "{...}", Immutable);
        }
    }

    private static void ImmutableData(bool? updated, bool? existing, Func<bool> dataUnchanged, ErrorList errors, params string[] fields)
    {
        if (existing != true)
        {
            return;
        }

        if (updated != true)
        {
            errors.Forbidden(FieldPath.Of("immutable"), "field is immutable when `immutable` is set");
        }

        if (!dataUnchanged())
        {
            errors.Forbidden(FieldPath.Of(fields[0]), "field is immutable when `immutable` is set");
        }
    }

    private static bool Same(object? a, object? b) =>
        a is null || b is null
            ? IsEmpty(a) && IsEmpty(b)
            : JsonNode.DeepEquals(JsonSerializerNode(a), JsonSerializerNode(b));

    private static bool IsEmpty(object? value) => value is null || (value is System.Collections.ICollection { Count: 0 });

    private static JsonNode? JsonSerializerNode(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value, value.GetType(), KubernetesJson.Options);
}
