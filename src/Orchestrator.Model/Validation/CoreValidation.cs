using System.Net;
using System.Text;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of core/v1 kinds other than workloads.</summary>
internal static class CoreValidation
{
    /// <summary>Size limit of a ConfigMap's or Secret's data, 1 MiB.</summary>
    public const int MaxDataSize = 1024 * 1024;

    private static readonly FieldPath _spec = FieldPath.Of("spec");
    private static readonly string[] _serviceTypes = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    private static readonly string[] _accessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
    private static readonly string[] _quotaScopes = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"];

    public static void Pod(Pod pod, ErrorList errors) => PodSpecValidation.Validate(pod.Spec, _spec, errors);

    public static void Service(Service service, ErrorList errors)
    {
        var spec = service.Spec;
        var type = spec.Type ?? "ClusterIP";
        errors.OneOf(_spec.Child("type"), spec.Type, false, _serviceTypes);
        var ports = spec.Ports ?? [];
        var headless = spec.ClusterIP == "None";
        if (ports.Count == 0 && type != "ExternalName" && !headless)
        {
            errors.Required(_spec.Child("ports"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var at = _spec.Child("ports").Index(i);
            if (string.IsNullOrEmpty(port.Name))
            {
                if (ports.Count > 1)
                {
                    errors.Required(at.Child("name"));
                }
            }
            else
            {
                errors.Rule(at.Child("name"), port.Name, NameRules.Dns1123Label(port.Name));
                if (!names.Add(port.Name))
                {
                    errors.Duplicate(at.Child("name"), port.Name);
                }
            }

            errors.Port(at.Child("port"), port.Port);
            errors.OneOf(at.Child("protocol"), port.Protocol, false, "TCP", "UDP", "SCTP");
            if (!numbers.Add((port.Port, port.Protocol ?? "TCP")))
            {
                errors.Duplicate(at, $"{port.Port}/{port.Protocol ?? "TCP"}");
            }

            if (port.TargetPort is { } target)
            {
                ContainerValidation.ValidatePortNumberOrName(target, at.Child("targetPort"), errors);
            }

            if (port.NodePort is { } nodePort and not 0)
            {
                errors.Port(at.Child("nodePort"), nodePort);
                if (type == "ClusterIP")
                {
                    errors.Forbidden(at.Child("nodePort"), "may not be used when `type` is 'ClusterIP'");
                }
            }
        }

        if (type == "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.ExternalName))
            {
                errors.Required(_spec.Child("externalName"));
            }
            else
            {
                errors.Rule(_spec.Child("externalName"), spec.ExternalName, NameRules.Dns1123Subdomain(spec.ExternalName.TrimEnd('.')));
            }
        }

        if (!string.IsNullOrEmpty(spec.ClusterIP) && !headless && !IPAddress.TryParse(spec.ClusterIP, out _))
        {
            errors.Invalid(_spec.Child("clusterIP"), spec.ClusterIP, "must be empty, 'None', or a valid IP address");
        }

        errors.Labels(_spec.Child("selector"), spec.Selector);
        errors.OneOf(_spec.Child("sessionAffinity"), spec.SessionAffinity, false, "ClientIP", "None");
        if (spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is { } timeout and (< 1 or > 86400))
        {
            errors.Invalid(_spec.Child("sessionAffinityConfig", "clientIP", "timeoutSeconds"), timeout, NameRules.InclusiveRange(1, 86400));
        }

        errors.OneOf(_spec.Child("externalTrafficPolicy"), spec.ExternalTrafficPolicy, false, "Cluster", "Local");
        errors.OneOf(_spec.Child("internalTrafficPolicy"), spec.InternalTrafficPolicy, false, "Cluster", "Local");
        errors.OneOf(_spec.Child("ipFamilyPolicy"), spec.IpFamilyPolicy, false, "SingleStack", "PreferDualStack", "RequireDualStack");
        var families = spec.IpFamilies ?? [];
        for (var i = 0; i < families.Count; i++)
        {
            errors.OneOf(_spec.Child("ipFamilies").Index(i), families[i], true, "IPv4", "IPv6");
        }
    }

    public static void ConfigMap(ConfigMap configMap, ErrorList errors)
    {
        long size = 0;
        foreach (var (key, value) in configMap.Data ?? [])
        {
            errors.Rule(FieldPath.Of("data").Key(key), key, NameRules.ConfigMapKey(key));
            size += Encoding.UTF8.GetByteCount(value);
        }

        foreach (var (key, value) in configMap.BinaryData ?? [])
        {
            errors.Rule(FieldPath.Of("binaryData").Key(key), key, NameRules.ConfigMapKey(key));
            if (configMap.Data?.ContainsKey(key) == true)
            {
                errors.Invalid(FieldPath.Of("data").Key(key), key, "duplicate of key present in binaryData");
            }

            size += value.Length;
        }

        if (size > MaxDataSize)
        {
            errors.Add(FieldError.TooLong(FieldPath.Root, MaxDataSize));
        }
    }

    public static void Secret(Secret secret, ErrorList errors)
    {
        long size = 0;
        foreach (var (key, value) in secret.Data ?? [])
        {
            errors.Rule(FieldPath.Of("data").Key(key), key, NameRules.ConfigMapKey(key));
            size += value.Length;
        }

        foreach (var (key, value) in secret.StringData ?? [])
        {
            errors.Rule(FieldPath.Of("stringData").Key(key), key, NameRules.ConfigMapKey(key));
            size += Encoding.UTF8.GetByteCount(value);
        }

        if (size > MaxDataSize)
        {
            errors.Add(FieldError.TooLong(FieldPath.Of("data"), MaxDataSize));
        }

        bool Has(string key) => secret.Data?.ContainsKey(key) == true || secret.StringData?.ContainsKey(key) == true;
        switch (secret.Type)
        {
            case "kubernetes.io/tls":
                foreach (var key in new[] { "tls.crt", "tls.key" }.Where(k => !Has(k)))
                {
                    errors.Required(FieldPath.Of("data").Key(key));
                }

                break;
            case "kubernetes.io/dockerconfigjson" when !Has(".dockerconfigjson"):
                errors.Required(FieldPath.Of("data").Key(".dockerconfigjson"));
                break;
            case "kubernetes.io/basic-auth" when !Has("username") && !Has("password"):
                errors.Required(FieldPath.Of("data").Key("username"), "at least one of 'username' or 'password' must be set");
                break;
            case "kubernetes.io/ssh-auth" when !Has("ssh-privatekey"):
                errors.Required(FieldPath.Of("data").Key("ssh-privatekey"));
                break;
            case "kubernetes.io/service-account-token" when string.IsNullOrEmpty(secret.Metadata.Annotation("kubernetes.io/service-account.name")):
                errors.Required(FieldPath.Of("metadata", "annotations").Key("kubernetes.io/service-account.name"));
                break;
        }
    }

    public static void Node(Node node, ErrorList errors)
    {
        var taints = node.Spec.Taints ?? [];
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            var at = _spec.Child("taints").Index(i);
            errors.Rule(at.Child("key"), taint.Key, NameRules.QualifiedName(taint.Key));
            if (!string.IsNullOrEmpty(taint.Value))
            {
                errors.Rule(at.Child("value"), taint.Value, NameRules.LabelValue(taint.Value));
            }

            errors.OneOf(at.Child("effect"), taint.Effect, true, "NoSchedule", "PreferNoSchedule", "NoExecute");
            if (!seen.Add((taint.Key, taint.Effect)))
            {
                errors.Duplicate(at, $"{taint.Key}:{taint.Effect}");
            }
        }
    }

    public static void Endpoints(Endpoints endpoints, ErrorList errors)
    {
        var subsets = endpoints.Subsets ?? [];
        for (var i = 0; i < subsets.Count; i++)
        {
            var at = FieldPath.Of("subsets").Index(i);
            foreach (var (addresses, name) in new[] { (subsets[i].Addresses, "addresses"), (subsets[i].NotReadyAddresses, "notReadyAddresses") })
            {
                for (var j = 0; j < (addresses?.Count ?? 0); j++)
                {
                    if (!IPAddress.TryParse(addresses![j].Ip, out _))
                    {
                        errors.Invalid(at.Child(name).Index(j).Child("ip"), addresses[j].Ip, "must be a valid IP address");
                    }
                }
            }

            var ports = subsets[i].Ports ?? [];
            for (var j = 0; j < ports.Count; j++)
            {
                errors.Port(at.Child("ports").Index(j).Child("port"), ports[j].Port);
                errors.OneOf(at.Child("ports").Index(j).Child("protocol"), ports[j].Protocol, false, "TCP", "UDP", "SCTP");
            }
        }
    }

    public static void ResourceQuota(ResourceQuota quota, ErrorList errors)
    {
        foreach (var (name, quantity) in quota.Spec.Hard ?? [])
        {
            if (quantity.Sign < 0)
            {
                errors.Invalid(_spec.Child("hard").Key(name), quantity, "must be greater than or equal to 0");
            }
        }

        var scopes = quota.Spec.Scopes ?? [];
        for (var i = 0; i < scopes.Count; i++)
        {
            errors.OneOf(_spec.Child("scopes").Index(i), scopes[i], true, _quotaScopes);
        }
    }

    public static void LimitRange(LimitRange limitRange, ErrorList errors)
    {
        var limits = limitRange.Spec.Limits;
        for (var i = 0; i < limits.Count; i++)
        {
            var item = limits[i];
            var at = _spec.Child("limits").Index(i);
            errors.OneOf(at.Child("type"), item.Type, true, "Pod", "Container", "PersistentVolumeClaim");
            foreach (var (list, name) in new[] { (item.Max, "max"), (item.Min, "min"), (item.Default, "default"), (item.DefaultRequest, "defaultRequest"), (item.MaxLimitRequestRatio, "maxLimitRequestRatio") })
            {
                ContainerValidation.ValidateResourceList(list, at.Child(name), errors);
            }

            foreach (var (resource, min) in item.Min ?? [])
            {
                if (item.Max is not null && item.Max.TryGetValue(resource, out var max) && min > max)
                {
                    errors.Invalid(at.Child("min").Key(resource), min, $"min value {min} is greater than max value {max}");
                }
            }

            foreach (var (resource, value) in item.Default ?? [])
            {
                if (item.Max is not null && item.Max.TryGetValue(resource, out var max) && value > max)
                {
                    errors.Invalid(at.Child("default").Key(resource), value, $"default value {value} is greater than max value {max}");
                }
            }

            if (item.Type == "Pod" && (item.Default is not null || item.DefaultRequest is not null))
            {
                errors.Forbidden(at.Child(item.Default is not null ? "default" : "defaultRequest"), "may not be specified when `type` is 'Pod'");
            }
        }
    }

    public static void Event(Event ev, ErrorList errors)
    {
        errors.OneOf(FieldPath.Of("type"), ev.Type, false, "Normal", "Warning");
        if (string.IsNullOrEmpty(ev.InvolvedObject.Kind) && string.IsNullOrEmpty(ev.InvolvedObject.Name))
        {
            errors.Required(FieldPath.Of("involvedObject"));
        }

        if (!string.IsNullOrEmpty(ev.InvolvedObject.Namespace) && !string.IsNullOrEmpty(ev.Metadata.Namespace)
            && ev.InvolvedObject.Namespace != ev.Metadata.Namespace)
        {
            errors.Invalid(FieldPath.Of("involvedObject", "namespace"), ev.InvolvedObject.Namespace, "does not match event.namespace");
        }

        errors.NonNegative(FieldPath.Of("count"), ev.Count);
    }

    public static void PersistentVolumeClaimSpec(PersistentVolumeClaimSpec spec, FieldPath path, ErrorList errors)
    {
        var modes = spec.AccessModes ?? [];
        if (modes.Count == 0)
        {
            errors.Required(path.Child("accessModes"), "at least 1 access mode is required");
        }

        for (var i = 0; i < modes.Count; i++)
        {
            errors.OneOf(path.Child("accessModes").Index(i), modes[i], true, _accessModes);
        }

        if (spec.Resources?.Requests?.ContainsKey("storage") != true)
        {
            errors.Required(path.Child("resources").Key("storage"));
        }

        ContainerValidation.ValidateResourceList(spec.Resources?.Requests, path.Child("resources", "requests"), errors);
        ContainerValidation.ValidateResourceList(spec.Resources?.Limits, path.Child("resources", "limits"), errors);
        errors.OneOf(path.Child("volumeMode"), spec.VolumeMode, false, "Filesystem", "Block");
        errors.LabelSelector(path.Child("selector"), spec.Selector);
    }
}
