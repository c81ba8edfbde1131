using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Networking.V1;
using Orchestrator.Model.Rbac.V1;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of networking, RBAC, autoscaling and coordination kinds.</summary>
internal static class ApiGroupValidation
{
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private static readonly FieldPath _spec = FieldPath.Of("spec");

    public static void Ingress(Ingress ingress, ErrorList errors)
    {
        var spec = ingress.Spec;
        var rules = spec.Rules ?? [];
        if (spec.DefaultBackend is null && rules.Count == 0)
        {
            errors.Invalid(_spec, "{}", "either `defaultBackend` or `rules` must be specified");
        }

        if (spec.DefaultBackend is { } defaultBackend)
        {
            Backend(defaultBackend, _spec.Child("defaultBackend"), errors);
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = _spec.Child("rules").Index(i);
            if (!string.IsNullOrEmpty(rule.Host))
            {
                var host = rule.Host.StartsWith("*.", StringComparison.Ordinal) ? rule.Host[2..] : rule.Host;
                errors.Rule(at.Child("host"), rule.Host, NameRules.Dns1123Subdomain(host));
            }

            var paths = rule.Http?.Paths ?? [];
            if (rule.Http is not null && paths.Count == 0)
            {
                errors.Required(at.Child("http", "paths"));
            }

            for (var j = 0; j < paths.Count; j++)
            {
                var path = paths[j];
                var pathAt = at.Child("http", "paths").Index(j);
                errors.OneOf(pathAt.Child("pathType"), path.PathType, true, "Exact", "Prefix", "ImplementationSpecific");
                if (path.PathType is "Exact" or "Prefix" && !(path.Path ?? string.Empty).StartsWith('/'))
                {
                    errors.Invalid(pathAt.Child("path"), path.Path ?? string.Empty, "must be an absolute path");
                }

                Backend(path.Backend, pathAt.Child("backend"), errors);
            }
        }

        var tls = spec.Tls ?? [];
        for (var i = 0; i < tls.Count; i++)
        {
            var hosts = tls[i].Hosts ?? [];
            for (var j = 0; j < hosts.Count; j++)
            {
                var host = hosts[j].StartsWith("*.", StringComparison.Ordinal) ? hosts[j][2..] : hosts[j];
                errors.Rule(_spec.Child("tls").Index(i).Child("hosts").Index(j), hosts[j], NameRules.Dns1123Subdomain(host));
            }
        }
    }

    private static void Backend(IngressBackend backend, FieldPath path, ErrorList errors)
    {
        if ((backend.Service is null) == (backend.Resource is null))
        {
            errors.Invalid(path, "{}", "cannot set both service and resource backends, and one of them must be set");
        }

        if (backend.Service is { } service)
        {
            errors.Rule(path.Child("service", "name"), service.Name, NameRules.Dns1035Label(service.Name));
            var port = service.Port;
            if (port is null || (port.Name is null) == (port.Number is null))
            {
                errors.Invalid(path.Child("service", "port"), port is null ? "{}" : (object)port, "port name or number is required");
            }
            else if (port.Number is { } number)
            {
                errors.Port(path.Child("service", "port", "number"), number);
            }
            else
            {
                errors.Rule(path.Child("service", "port", "name"), port.Name!, NameRules.PortName(port.Name!));
            }
        }
    }

    public static void Rules(List<PolicyRule>? rules, bool namespaced, ErrorList errors)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var at = FieldPath.Of("rules").Index(i);
            if (rule.Verbs.Count == 0)
            {
                errors.Required(at.Child("verbs"), "verbs must contain at least one value");
            }

            var hasUrls = rule.NonResourceURLs is { Count: > 0 };
            var hasResources = rule.Resources is { Count: > 0 } || rule.ApiGroups is { Count: > 0 } || rule.ResourceNames is { Count: > 0 };
            if (hasUrls && namespaced)
            {
                errors.Invalid(at.Child("nonResourceURLs"), rule.NonResourceURLs, "namespaced rules cannot apply to non-resource URLs");
            }
            else if (hasUrls && hasResources)
            {
                errors.Invalid(at.Child("nonResourceURLs"), rule.NonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs");
            }
            else if (!hasUrls)
            {
                if (rule.ApiGroups is null or { Count: 0 })
                {
                    errors.Required(at.Child("apiGroups"), "resource rules must supply at least one api group");
                }

                if (rule.Resources is null or { Count: 0 })
                {
                    errors.Required(at.Child("resources"), "resource rules must supply at least one resource");
                }
            }
        }
    }

    public static void Binding(List<Subject>? subjects, RoleRef roleRef, bool clusterBinding, ErrorList errors)
    {
        var refPath = FieldPath.Of("roleRef");
        if (clusterBinding)
        {
            errors.OneOf(refPath.Child("kind"), roleRef.Kind, true, "ClusterRole");
        }
        else
        {
            errors.OneOf(refPath.Child("kind"), roleRef.Kind, true, "Role", "ClusterRole");
        }

        if (roleRef.ApiGroup != RbacGroup)
        {
            errors.NotSupported(refPath.Child("apiGroup"), roleRef.ApiGroup, RbacGroup);
        }

        if (string.IsNullOrEmpty(roleRef.Name))
        {
            errors.Required(refPath.Child("name"));
        }

        for (var i = 0; i < (subjects?.Count ?? 0); i++)
        {
            var subject = subjects![i];
            var at = FieldPath.Of("subjects").Index(i);
            if (string.IsNullOrEmpty(subject.Name))
            {
                errors.Required(at.Child("name"));
            }

            switch (subject.Kind)
            {
                case "ServiceAccount":
                    if (!string.IsNullOrEmpty(subject.ApiGroup))
                    {
                        errors.NotSupported(at.Child("apiGroup"), subject.ApiGroup, string.Empty);
                    }

                    if (clusterBinding && string.IsNullOrEmpty(subject.Namespace))
                    {
                        errors.Required(at.Child("namespace"));
                    }

                    break;
                case "User" or "Group":
                    if (subject.ApiGroup != RbacGroup)
                    {
                        errors.NotSupported(at.Child("apiGroup"), subject.ApiGroup, RbacGroup);
                    }

                    break;
                default:
                    errors.NotSupported(at.Child("kind"), subject.Kind, "ServiceAccount", "User", "Group");
                    break;
            }
        }
    }

    public static void HorizontalPodAutoscaler(HorizontalPodAutoscaler hpa, ErrorList errors)
    {
        var spec = hpa.Spec;
        if (string.IsNullOrEmpty(spec.ScaleTargetRef.Kind))
        {
            errors.Required(_spec.Child("scaleTargetRef", "kind"));
        }

        if (string.IsNullOrEmpty(spec.ScaleTargetRef.Name))
        {
            errors.Required(_spec.Child("scaleTargetRef", "name"));
        }

        if (spec.MinReplicas is < 1)
        {
            errors.Invalid(_spec.Child("minReplicas"), spec.MinReplicas.Value, "must be greater than or equal to 1");
        }

        if (spec.MaxReplicas < 1)
        {
            errors.Invalid(_spec.Child("maxReplicas"), spec.MaxReplicas, "must be greater than 0");
        }
        else if (spec.MaxReplicas < (spec.MinReplicas ?? 1))
        {
            errors.Invalid(_spec.Child("maxReplicas"), spec.MaxReplicas, "must be greater than or equal to `minReplicas`");
        }

        var metrics = spec.Metrics ?? [];
        for (var i = 0; i < metrics.Count; i++)
        {
            Metric(metrics[i], _spec.Child("metrics").Index(i), errors);
        }

        foreach (var (rules, name) in new[] { (spec.Behavior?.ScaleUp, "scaleUp"), (spec.Behavior?.ScaleDown, "scaleDown") })
        {
            if (rules is null)
            {
                continue;
            }

            var at = _spec.Child("behavior", name);
            if (rules.StabilizationWindowSeconds is { } window and (< 0 or > 3600))
            {
                errors.Invalid(at.Child("stabilizationWindowSeconds"), window, NameRules.InclusiveRange(0, 3600));
            }

            errors.OneOf(at.Child("selectPolicy"), rules.SelectPolicy, false, "Max", "Min", "Disabled");
            var policies = rules.Policies ?? [];
            for (var j = 0; j < policies.Count; j++)
            {
                var policy = policies[j];
                var policyAt = at.Child("policies").Index(j);
                errors.OneOf(policyAt.Child("type"), policy.Type, true, "Pods", "Percent");
                errors.Positive(policyAt.Child("value"), policy.Value);
                if (policy.PeriodSeconds is < 1 or > 1800)
                {
                    errors.Invalid(policyAt.Child("periodSeconds"), policy.PeriodSeconds, NameRules.InclusiveRange(1, 1800));
                }
            }
        }
    }

    private static void Metric(MetricSpec metric, FieldPath path, ErrorList errors)
    {
        var (source, target, name) = metric.Type switch
        {
            "Resource" => ((object?)metric.Resource, metric.Resource?.Target, "resource"),
            "ContainerResource" => (metric.ContainerResource, metric.ContainerResource?.Target, "containerResource"),
            "Pods" => (metric.Pods, metric.Pods?.Target, "pods"),
            "Object" => (metric.Object, metric.Object?.Target, "object"),
            "External" => (metric.External, metric.External?.Target, "external"),
            _ => (null, null, string.Empty),
        };
        if (name.Length == 0)
        {
            errors.NotSupported(path.Child("type"), metric.Type, "ContainerResource", "External", "Object", "Pods", "Resource");
            return;
        }

        if (source is null)
        {
            errors.Required(path.Child(name), $"must populate information for the given metric source (type {metric.Type})");
            return;
        }

        var targetPath = path.Child(name, "target");
        errors.OneOf(targetPath.Child("type"), target?.Type, true, "Utilization", "Value", "AverageValue");
        switch (target?.Type)
        {
            case "Utilization" when target.AverageUtilization is null:
                errors.Required(targetPath.Child("averageUtilization"), "must set either a target raw value or a target utilization");
                break;
            case "Utilization" when target.AverageUtilization <= 0:
                errors.Invalid(targetPath.Child("averageUtilization"), target.AverageUtilization, "must be greater than 0");
                break;
            case "Value" when target.Value is not { Sign: > 0 }:
                errors.Invalid(targetPath.Child("value"), target.Value?.ToString(), "must be positive");
                break;
            case "AverageValue" when target.AverageValue is not { Sign: > 0 }:
                errors.Invalid(targetPath.Child("averageValue"), target.AverageValue?.ToString(), "must be positive");
                break;
        }

        if (target?.Type == "Utilization" && metric.Type is not ("Resource" or "ContainerResource"))
        {
            errors.Forbidden(targetPath.Child("averageUtilization"), "may only be set for resource metrics");
        }
    }

    public static void Lease(Lease lease, ErrorList errors)
    {
        errors.Positive(_spec.Child("leaseDurationSeconds"), lease.Spec.LeaseDurationSeconds);
        errors.NonNegative(_spec.Child("leaseTransitions"), lease.Spec.LeaseTransitions);
    }
}
