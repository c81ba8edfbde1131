using System.Text.RegularExpressions;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of apps/v1 and batch/v1 workloads.</summary>
internal static partial class WorkloadValidation
{
    private static readonly FieldPath _spec = FieldPath.Of("spec");

    public static void Deployment(Deployment deployment, ErrorList errors)
    {
        var spec = deployment.Spec;
        errors.NonNegative(_spec.Child("replicas"), spec.Replicas);
        SelectorAndTemplate(spec.Selector, spec.Template, "deployment", errors, RestartPolicy.Always);
        errors.NonNegative(_spec.Child("minReadySeconds"), spec.MinReadySeconds);
        errors.NonNegative(_spec.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit);
        errors.NonNegative(_spec.Child("progressDeadlineSeconds"), spec.ProgressDeadlineSeconds);
        if (spec.ProgressDeadlineSeconds is { } deadline && deadline <= (spec.MinReadySeconds ?? 0))
        {
            errors.Invalid(_spec.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds");
        }

        if (spec.Strategy is { } strategy)
        {
            var at = _spec.Child("strategy");
            errors.OneOf(at.Child("type"), strategy.Type, false, DeploymentStrategyType.Recreate, DeploymentStrategyType.RollingUpdate);
            if (strategy.Type == DeploymentStrategyType.Recreate && strategy.RollingUpdate is not null)
            {
                errors.Forbidden(at.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
            }
            else if (strategy.RollingUpdate is { } rolling)
            {
                SurgeAndUnavailable(rolling.MaxSurge, rolling.MaxUnavailable, at.Child("rollingUpdate"), errors);
            }
        }
    }

    public static void ReplicaSet(ReplicaSet replicaSet, ErrorList errors)
    {
        var spec = replicaSet.Spec;
        errors.NonNegative(_spec.Child("replicas"), spec.Replicas);
        errors.NonNegative(_spec.Child("minReadySeconds"), spec.MinReadySeconds);
        SelectorAndTemplate(spec.Selector, spec.Template, "replicaset", errors, RestartPolicy.Always);
    }

    public static void StatefulSet(StatefulSet statefulSet, ErrorList errors)
    {
        var spec = statefulSet.Spec;
        errors.NonNegative(_spec.Child("replicas"), spec.Replicas);
        errors.NonNegative(_spec.Child("minReadySeconds"), spec.MinReadySeconds);
        errors.NonNegative(_spec.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit);
        errors.OneOf(_spec.Child("podManagementPolicy"), spec.PodManagementPolicy, false, "OrderedReady", "Parallel");
        if (spec.UpdateStrategy is { } strategy)
        {
            var at = _spec.Child("updateStrategy");
            errors.OneOf(at.Child("type"), strategy.Type, false, "RollingUpdate", "OnDelete");
            if (strategy.Type == "OnDelete" && strategy.RollingUpdate is not null)
            {
                errors.Invalid(at.Child("rollingUpdate"), strategy.RollingUpdate, "only allowed for updateStrategy 'RollingUpdate'");
            }

            errors.NonNegative(at.Child("rollingUpdate", "partition"), strategy.RollingUpdate?.Partition);
            if (strategy.RollingUpdate?.MaxUnavailable is { } maxUnavailable)
            {
                IntOrPercent(maxUnavailable, at.Child("rollingUpdate", "maxUnavailable"), errors);
                if (!maxUnavailable.IsString && maxUnavailable.IntValue == 0)
                {
                    errors.Invalid(at.Child("rollingUpdate", "maxUnavailable"), 0, "must be greater than 0");
                }
            }
        }

        if (spec.PersistentVolumeClaimRetentionPolicy is { } retention)
        {
            var at = _spec.Child("persistentVolumeClaimRetentionPolicy");
            errors.OneOf(at.Child("whenDeleted"), retention.WhenDeleted, false, "Retain", "Delete");
            errors.OneOf(at.Child("whenScaled"), retention.WhenScaled, false, "Retain", "Delete");
        }

        errors.NonNegative(_spec.Child("ordinals", "start"), spec.Ordinals?.Start);
        if (!string.IsNullOrEmpty(spec.ServiceName))
        {
            errors.Rule(_spec.Child("serviceName"), spec.ServiceName, NameRules.Dns1123Label(spec.ServiceName));
        }

        var claims = spec.VolumeClaimTemplates ?? [];
        for (var i = 0; i < claims.Count; i++)
        {
            var at = _spec.Child("volumeClaimTemplates").Index(i);
            MetadataValidation.Validate(claims[i].Metadata, namespaced: true, NameRules.Dns1123Subdomain, errors, at.Child("metadata"));
            CoreValidation.PersistentVolumeClaimSpec(claims[i].Spec, at.Child("spec"), errors);
        }

        var claimNames = claims.Select(c => c.Metadata.Name).OfType<string>();
        SelectorAndTemplate(spec.Selector, spec.Template, "statefulset", errors, claimNames, [RestartPolicy.Always]);
    }

    public static void DaemonSet(DaemonSet daemonSet, ErrorList errors)
    {
        var spec = daemonSet.Spec;
        SelectorAndTemplate(spec.Selector, spec.Template, "daemonset", errors, RestartPolicy.Always);
        errors.NonNegative(_spec.Child("minReadySeconds"), spec.MinReadySeconds);
        errors.NonNegative(_spec.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit);
        if (spec.UpdateStrategy is { } strategy)
        {
            var at = _spec.Child("updateStrategy");
            errors.OneOf(at.Child("type"), strategy.Type, false, "RollingUpdate", "OnDelete");
            if (strategy.RollingUpdate is { } rolling)
            {
                SurgeAndUnavailable(rolling.MaxSurge ?? IntOrString.FromInt(0), rolling.MaxUnavailable ?? IntOrString.FromInt(1), at.Child("rollingUpdate"), errors);
            }
        }
    }

    public static void Job(Job job, ErrorList errors) => JobSpec(job.Spec, _spec, requireSelectorMatch: true, errors);

    public static void CronJob(CronJob cronJob, ErrorList errors)
    {
        var spec = cronJob.Spec;
        if (string.IsNullOrWhiteSpace(spec.Schedule))
        {
            errors.Required(_spec.Child("schedule"));
        }
        else if (!IsCronSchedule(spec.Schedule))
        {
            errors.Invalid(_spec.Child("schedule"), spec.Schedule, "unparseable schedule: expected exactly 5 fields (minute hour day-of-month month day-of-week) or a descriptor such as @hourly");
        }

        errors.OneOf(_spec.Child("concurrencyPolicy"), spec.ConcurrencyPolicy, false, "Allow", "Forbid", "Replace");
        errors.NonNegative(_spec.Child("startingDeadlineSeconds"), spec.StartingDeadlineSeconds);
        errors.NonNegative(_spec.Child("successfulJobsHistoryLimit"), spec.SuccessfulJobsHistoryLimit);
        errors.NonNegative(_spec.Child("failedJobsHistoryLimit"), spec.FailedJobsHistoryLimit);
        var template = _spec.Child("jobTemplate");
        if (spec.JobTemplate.Metadata is { } metadata)
        {
            errors.Labels(template.Child("metadata", "labels"), metadata.Labels);
            MetadataValidation.ValidateAnnotations(metadata.Annotations, template.Child("metadata", "annotations"), errors);
        }

        JobSpec(spec.JobTemplate.Spec, template.Child("spec"), requireSelectorMatch: false, errors);
    }

    private static void JobSpec(JobSpec spec, FieldPath path, bool requireSelectorMatch, ErrorList errors)
    {
        errors.NonNegative(path.Child("parallelism"), spec.Parallelism);
        errors.NonNegative(path.Child("completions"), spec.Completions);
        errors.NonNegative(path.Child("backoffLimit"), spec.BackoffLimit);
        errors.NonNegative(path.Child("ttlSecondsAfterFinished"), spec.TtlSecondsAfterFinished);
        errors.Positive(path.Child("activeDeadlineSeconds"), spec.ActiveDeadlineSeconds);
        errors.OneOf(path.Child("completionMode"), spec.CompletionMode, false, "NonIndexed", "Indexed");
        errors.OneOf(path.Child("podReplacementPolicy"), spec.PodReplacementPolicy, false, "TerminatingOrFailed", "Failed");
        if (spec.CompletionMode == "Indexed" && spec.Completions is null)
        {
            errors.Required(path.Child("completions"), "when completion mode is Indexed");
        }

        if (spec.BackoffLimitPerIndex is not null && spec.CompletionMode != "Indexed")
        {
            errors.Forbidden(path.Child("backoffLimitPerIndex"), "requires indexed completion mode");
        }

        if (spec.ManualSelector == true && spec.Selector is null)
        {
            errors.Required(path.Child("selector"));
        }

        errors.LabelSelector(path.Child("selector"), spec.Selector);
        var templatePath = path.Child("template");
        if (requireSelectorMatch && spec.Selector is not null && ErrorList.TryConvert(spec.Selector) is { } selector
            && !selector.Matches(spec.Template.Metadata?.Labels ?? []))
        {
            errors.Invalid(templatePath.Child("metadata", "labels"), spec.Template.Metadata?.Labels, "`selector` does not match template `labels`");
        }

        TemplateMetadata(spec.Template, templatePath, errors);
        PodSpecValidation.Validate(spec.Template.Spec, templatePath.Child("spec"), errors, RestartPolicy.OnFailure, RestartPolicy.Never);
    }

    /// <summary>Selector required and non-empty, template labels matching it, template valid with the allowed restart policies.</summary>
    private static void SelectorAndTemplate(LabelSelector? selector, PodTemplateSpec? template, string kind, ErrorList errors, params string[] restartPolicies) =>
        SelectorAndTemplate(selector, template, kind, errors, [], restartPolicies);

    private static void SelectorAndTemplate(LabelSelector? selector, PodTemplateSpec? template, string kind, ErrorList errors, IEnumerable<string> extraVolumes, string[] restartPolicies)
    {
        var selectorPath = _spec.Child("selector");
        var templatePath = _spec.Child("template");
        if (selector is null)
        {
            errors.Required(selectorPath);
        }
        else
        {
            errors.LabelSelector(selectorPath, selector);
            if ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0)
            {
                errors.Invalid(selectorPath, selector, $"empty selector is invalid for {kind}");
            }
        }

        if (template is null)
        {
            errors.Required(templatePath);
            return;
        }

        if (selector is not null && ErrorList.TryConvert(selector) is { IsEmpty: false } parsed
            && !parsed.Matches(template.Metadata?.Labels ?? []))
        {
            errors.Invalid(templatePath.Child("metadata", "labels"), template.Metadata?.Labels, "`selector` does not match template `labels`");
        }

        TemplateMetadata(template, templatePath, errors);
        PodSpecValidation.Validate(template.Spec, templatePath.Child("spec"), errors, extraVolumes, restartPolicies);
        if (template.Spec.ActiveDeadlineSeconds is not null)
        {
            errors.Forbidden(templatePath.Child("spec", "activeDeadlineSeconds"), $"activeDeadlineSeconds in {kind} is not Supported");
        }
    }

    private static void TemplateMetadata(PodTemplateSpec template, FieldPath path, ErrorList errors)
    {
        if (template.Metadata is { } metadata)
        {
            errors.Labels(path.Child("metadata", "labels"), metadata.Labels);
            MetadataValidation.ValidateAnnotations(metadata.Annotations, path.Child("metadata", "annotations"), errors);
        }
    }

    private static void SurgeAndUnavailable(IntOrString? maxSurge, IntOrString? maxUnavailable, FieldPath path, ErrorList errors)
    {
        if (maxSurge is { } surge)
        {
            IntOrPercent(surge, path.Child("maxSurge"), errors);
        }

        if (maxUnavailable is { } unavailable)
        {
            IntOrPercent(unavailable, path.Child("maxUnavailable"), errors);
            if (unavailable.IsPercent && unavailable.ScaledValue(100, false) > 100)
            {
                errors.Invalid(path.Child("maxUnavailable"), unavailable, "must not be greater than 100%");
            }
        }

        if (IsZero(maxSurge) && IsZero(maxUnavailable))
        {
            errors.Invalid(path.Child("maxUnavailable"), maxUnavailable ?? IntOrString.FromInt(0), "may not be 0 when `maxSurge` is 0");
        }
    }

    private static bool IsZero(IntOrString? value) =>
        value is { } v && (v.IsPercent ? v.ScaledValue(100, false) == 0 : !v.IsString && v.IntValue == 0);

    private static void IntOrPercent(IntOrString value, FieldPath path, ErrorList errors)
    {
        if (value.IsString)
        {
            if (!value.IsPercent)
            {
                errors.Invalid(path, value, NameRules.RegexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"));
            }
        }
        else if (value.IntValue < 0)
        {
            errors.Invalid(path, value, "must be greater than or equal to 0");
        }
    }

    private static bool IsCronSchedule(string schedule)
    {
        var trimmed = schedule.Trim();
        if (trimmed.StartsWith("TZ=", StringComparison.Ordinal) || trimmed.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            return false;
        }

        if (trimmed.StartsWith('@'))
        {
            return trimmed is "@yearly" or "@annually" or "@monthly" or "@weekly" or "@daily" or "@midnight" or "@hourly"
                || trimmed.StartsWith("@every ", StringComparison.Ordinal);
        }

        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 && fields.All(f => CronField().IsMatch(f));
    }

    [GeneratedRegex(@"^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?)*$")]
    private static partial Regex CronField();
}
