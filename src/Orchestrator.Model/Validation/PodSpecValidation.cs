using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of a pod spec, as the apiserver's ValidatePodSpec.</summary>
internal static class PodSpecValidation
{
    private static readonly string[] _restartPolicies = [RestartPolicy.Always, RestartPolicy.OnFailure, RestartPolicy.Never];
    private static readonly string[] _dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] _effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] _nodeSelectorOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];

    /// <summary>Validates a pod spec; <paramref name="allowedRestartPolicies"/> narrows restartPolicy for workload templates.</summary>
    public static void Validate(PodSpec spec, FieldPath path, ErrorList errors, params string[] allowedRestartPolicies) =>
        Validate(spec, path, errors, [], allowedRestartPolicies);

    /// <summary>Validates a pod spec whose containers may also mount <paramref name="extraVolumes"/> (a StatefulSet's claim templates).</summary>
    public static void Validate(PodSpec spec, FieldPath path, ErrorList errors, IEnumerable<string> extraVolumes, string[] allowedRestartPolicies)
    {
        var volumeNames = VolumeValidation.Validate(spec.Volumes, path.Child("volumes"), errors);
        volumeNames.UnionWith(extraVolumes);
        var containerNames = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Containers.Count == 0)
        {
            errors.Required(path.Child("containers"));
        }

        ContainerValidation.ValidateAll(spec.Containers, path.Child("containers"), isInit: false, spec, volumeNames, containerNames, errors);
        ContainerValidation.ValidateAll(spec.InitContainers ?? [], path.Child("initContainers"), isInit: true, spec, volumeNames, containerNames, errors);

        var policies = allowedRestartPolicies.Length == 0 ? _restartPolicies : allowedRestartPolicies;
        if (spec.RestartPolicy is { Length: > 0 } restartPolicy)
        {
            if (!policies.Contains(restartPolicy, StringComparer.Ordinal))
            {
                errors.NotSupported(path.Child("restartPolicy"), restartPolicy, policies);
            }
        }
        else if (!policies.Contains(RestartPolicy.Always, StringComparer.Ordinal))
        {
            // The default, Always, is not allowed here (Jobs), so the field must be set.
            errors.Required(path.Child("restartPolicy"), "valid values: " + string.Join(", ", policies.Select(p => $"\"{p}\"")));
        }

        errors.OneOf(path.Child("dnsPolicy"), spec.DnsPolicy, false, _dnsPolicies);
        errors.NonNegative(path.Child("terminationGracePeriodSeconds"), spec.TerminationGracePeriodSeconds);
        if (spec.ActiveDeadlineSeconds is { } deadline and (< 1 or > int.MaxValue))
        {
            errors.Invalid(path.Child("activeDeadlineSeconds"), deadline, NameRules.InclusiveRange(1, int.MaxValue));
        }

        errors.Labels(path.Child("nodeSelector"), spec.NodeSelector);
        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            errors.Rule(path.Child("serviceAccountName"), spec.ServiceAccountName, NameRules.Dns1123Subdomain(spec.ServiceAccountName));
        }

        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            errors.Rule(path.Child("nodeName"), spec.NodeName, NameRules.Dns1123Subdomain(spec.NodeName));
        }

        if (!string.IsNullOrEmpty(spec.Hostname))
        {
            errors.Rule(path.Child("hostname"), spec.Hostname, NameRules.Dns1123Label(spec.Hostname));
        }

        if (!string.IsNullOrEmpty(spec.Subdomain))
        {
            errors.Rule(path.Child("subdomain"), spec.Subdomain, NameRules.Dns1123Label(spec.Subdomain));
        }

        errors.OneOf(path.Child("preemptionPolicy"), spec.PreemptionPolicy, false, "Never", "PreemptLowerPriority");
        ValidateTolerations(spec.Tolerations, path.Child("tolerations"), errors);
        ValidateAffinity(spec.Affinity, path.Child("affinity"), errors);
        ValidateTopologySpread(spec.TopologySpreadConstraints, path.Child("topologySpreadConstraints"), errors);
        ValidateImagePullSecrets(spec.ImagePullSecrets, path.Child("imagePullSecrets"), errors);
    }

    private static void ValidateImagePullSecrets(List<LocalObjectReference>? secrets, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (secrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(secrets![i].Name))
            {
                errors.Required(path.Index(i).Child("name"));
            }
        }
    }

    public static void ValidateTolerations(List<Toleration>? tolerations, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (tolerations?.Count ?? 0); i++)
        {
            var toleration = tolerations![i];
            var at = path.Index(i);
            if (!string.IsNullOrEmpty(toleration.Key))
            {
                errors.Rule(at.Child("key"), toleration.Key, NameRules.QualifiedName(toleration.Key));
            }
            else if (toleration.Operator != "Exists")
            {
                errors.Invalid(at.Child("operator"), toleration.Operator ?? string.Empty,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }

            switch (toleration.Operator)
            {
                case null or "" or "Equal":
                    if (!string.IsNullOrEmpty(toleration.Value))
                    {
                        errors.Rule(at.Child("value"), toleration.Value, NameRules.LabelValue(toleration.Value));
                    }

                    break;
                case "Exists":
                    if (!string.IsNullOrEmpty(toleration.Value))
                    {
                        errors.Invalid(at.Child("operator"), toleration.Value, "value must be empty when `operator` is 'Exists'");
                    }

                    break;
                default:
                    errors.NotSupported(at.Child("operator"), toleration.Operator, "Equal", "Exists");
                    break;
            }

            errors.OneOf(at.Child("effect"), toleration.Effect, false, _effects);
            if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
            {
                errors.Invalid(at.Child("effect"), toleration.Effect ?? string.Empty, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
        }
    }

    private static void ValidateAffinity(Affinity? affinity, FieldPath path, ErrorList errors)
    {
        if (affinity is null)
        {
            return;
        }

        if (affinity.NodeAffinity is { } node)
        {
            var at = path.Child("nodeAffinity");
            if (node.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
            {
                var termsPath = at.Child("requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
                if (required.NodeSelectorTerms.Count == 0)
                {
                    errors.Required(termsPath, "must have at least one node selector term");
                }

                for (var i = 0; i < required.NodeSelectorTerms.Count; i++)
                {
                    ValidateNodeSelectorTerm(required.NodeSelectorTerms[i], termsPath.Index(i), errors);
                }
            }

            var preferred = node.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
            for (var i = 0; i < preferred.Count; i++)
            {
                var at2 = at.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i);
                ValidateWeight(preferred[i].Weight, at2.Child("weight"), errors);
                ValidateNodeSelectorTerm(preferred[i].Preference, at2.Child("preference"), errors);
            }
        }

        ValidatePodAffinityTerms(affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAffinity"), errors);
        ValidatePodAffinityTerms(affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAntiAffinity"), errors);
    }

    private static void ValidatePodAffinityTerms(List<PodAffinityTerm>? required, List<WeightedPodAffinityTerm>? preferred, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (required?.Count ?? 0); i++)
        {
            ValidatePodAffinityTerm(required![i], path.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i), errors);
        }

        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            var at = path.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i);
            ValidateWeight(preferred![i].Weight, at.Child("weight"), errors);
            ValidatePodAffinityTerm(preferred[i].PodAffinityTerm, at.Child("podAffinityTerm"), errors);
        }
    }

    private static void ValidatePodAffinityTerm(PodAffinityTerm term, FieldPath path, ErrorList errors)
    {
        errors.LabelSelector(path.Child("labelSelector"), term.LabelSelector);
        errors.LabelSelector(path.Child("namespaceSelector"), term.NamespaceSelector);
        if (string.IsNullOrEmpty(term.TopologyKey))
        {
            errors.Required(path.Child("topologyKey"), "can not be empty");
        }
        else
        {
            errors.Rule(path.Child("topologyKey"), term.TopologyKey, NameRules.QualifiedName(term.TopologyKey));
        }
    }

    private static void ValidateWeight(int weight, FieldPath path, ErrorList errors)
    {
        if (weight is < 1 or > 100)
        {
            errors.Invalid(path, weight, "must be in the range 1-100");
        }
    }

    private static void ValidateNodeSelectorTerm(NodeSelectorTerm term, FieldPath path, ErrorList errors)
    {
        foreach (var (requirements, name) in new[] { (term.MatchExpressions, "matchExpressions"), (term.MatchFields, "matchFields") })
        {
            for (var i = 0; i < (requirements?.Count ?? 0); i++)
            {
                var requirement = requirements![i];
                var at = path.Child(name).Index(i);
                var count = requirement.Values?.Count ?? 0;
                switch (requirement.Operator)
                {
                    case "In" or "NotIn" when count == 0:
                        errors.Required(at.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                        break;
                    case "Exists" or "DoesNotExist" when count > 0:
                        errors.Forbidden(at.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                        break;
                    case "Gt" or "Lt" when count != 1 || !long.TryParse(requirement.Values![0], out _):
                        errors.Required(at.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                        break;
                    case var op when !_nodeSelectorOperators.Contains(op, StringComparer.Ordinal):
                        errors.NotSupported(at.Child("operator"), op, _nodeSelectorOperators);
                        break;
                }

                if (name == "matchExpressions")
                {
                    errors.Rule(at.Child("key"), requirement.Key, NameRules.QualifiedName(requirement.Key));
                }
            }
        }
    }

    private static void ValidateTopologySpread(List<TopologySpreadConstraint>? constraints, FieldPath path, ErrorList errors)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < (constraints?.Count ?? 0); i++)
        {
            var constraint = constraints![i];
            var at = path.Index(i);
            if (constraint.MaxSkew <= 0)
            {
                errors.Invalid(at.Child("maxSkew"), constraint.MaxSkew, "must be greater than zero");
            }

            if (string.IsNullOrEmpty(constraint.TopologyKey))
            {
                errors.Required(at.Child("topologyKey"), "can not be empty");
            }

            errors.OneOf(at.Child("whenUnsatisfiable"), constraint.WhenUnsatisfiable, true, "DoNotSchedule", "ScheduleAnyway");
            if (!seen.Add((constraint.TopologyKey, constraint.WhenUnsatisfiable)))
            {
                errors.Duplicate(at, $"{{{constraint.TopologyKey}, {constraint.WhenUnsatisfiable}}}");
            }

            if (constraint.MinDomains is { } minDomains)
            {
                if (minDomains <= 0)
                {
                    errors.Invalid(at.Child("minDomains"), minDomains, "must be greater than 0");
                }
                else if (constraint.WhenUnsatisfiable != "DoNotSchedule")
                {
                    errors.Invalid(at.Child("minDomains"), minDomains, "can only use minDomains if whenUnsatisfiable=DoNotSchedule");
                }
            }

            errors.LabelSelector(at.Child("labelSelector"), constraint.LabelSelector);
            errors.OneOf(at.Child("nodeAffinityPolicy"), constraint.NodeAffinityPolicy, false, "Honor", "Ignore");
            errors.OneOf(at.Child("nodeTaintsPolicy"), constraint.NodeTaintsPolicy, false, "Honor", "Ignore");
        }
    }
}
