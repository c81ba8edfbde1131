using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Validation;

/// <summary>Checks of containers: names, images, ports, env, resources, probes, lifecycle hooks and mounts.</summary>
internal static class ContainerValidation
{
    private static readonly string[] _protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] _pullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] _terminationMessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] _standardResources = ["cpu", "memory", "ephemeral-storage", "storage"];
    private static readonly string[] _fieldRefPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    /// <summary>Validates a list of containers whose names must be unique across <paramref name="seenNames"/>.</summary>
    public static void ValidateAll(
        IReadOnlyList<Container> containers,
        FieldPath path,
        bool isInit,
        PodSpec spec,
        HashSet<string> volumeNames,
        HashSet<string> seenNames,
        ErrorList errors)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(container.Name))
            {
                errors.Required(at.Child("name"));
            }
            else
            {
                errors.Rule(at.Child("name"), container.Name, NameRules.Dns1123Label(container.Name));
                if (!seenNames.Add(container.Name))
                {
                    errors.Duplicate(at.Child("name"), container.Name);
                }
            }

            Validate(container, at, isInit, spec, volumeNames, errors);
        }
    }

    private static void Validate(Container container, FieldPath at, bool isInit, PodSpec spec, HashSet<string> volumeNames, ErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(container.Image))
        {
            errors.Required(at.Child("image"));
        }
        else if (container.Image != container.Image.Trim())
        {
            errors.Invalid(at.Child("image"), container.Image, "must not have leading or trailing whitespace");
        }

        errors.OneOf(at.Child("imagePullPolicy"), container.ImagePullPolicy, false, _pullPolicies);
        errors.OneOf(at.Child("terminationMessagePolicy"), container.TerminationMessagePolicy, false, _terminationMessagePolicies);
        if (container.RestartPolicy is { } restart && !(isInit && restart == RestartPolicy.Always))
        {
            if (isInit)
            {
                errors.NotSupported(at.Child("restartPolicy"), restart, RestartPolicy.Always);
            }
            else
            {
                errors.Forbidden(at.Child("restartPolicy"), "may not be set for non-init containers");
            }
        }

        ValidatePorts(container.Ports, at.Child("ports"), spec.HostNetwork == true, errors);
        ValidateEnv(container.Env, at.Child("env"), errors);
        ValidateEnvFrom(container.EnvFrom, at.Child("envFrom"), errors);
        ValidateResources(container.Resources, at.Child("resources"), errors);
        ValidateMounts(container.VolumeMounts, at.Child("volumeMounts"), volumeNames, errors);
        var isSidecar = isInit && container.RestartPolicy == RestartPolicy.Always;
        if (isInit && !isSidecar)
        {
            foreach (var (probe, name) in new[] { (container.LivenessProbe, "livenessProbe"), (container.ReadinessProbe, "readinessProbe"), (container.StartupProbe, "startupProbe") })
            {
                if (probe is not null)
                {
                    errors.Forbidden(at.Child(name), "may not be set for init containers without restartPolicy=Always");
                }
            }

            if (container.Lifecycle is not null)
            {
                errors.Forbidden(at.Child("lifecycle"), "may not be set for init containers without restartPolicy=Always");
            }
        }
        else
        {
            ValidateProbe(container.LivenessProbe, at.Child("livenessProbe"), mustSucceedOnce: true, allowsGracePeriod: true, errors);
            ValidateProbe(container.ReadinessProbe, at.Child("readinessProbe"), mustSucceedOnce: false, allowsGracePeriod: false, errors);
            ValidateProbe(container.StartupProbe, at.Child("startupProbe"), mustSucceedOnce: true, allowsGracePeriod: true, errors);
            ValidateLifecycle(container.Lifecycle, at.Child("lifecycle"), errors);
        }
    }

    private static void ValidatePorts(List<ContainerPort>? ports, FieldPath path, bool hostNetwork, ErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var at = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                errors.Rule(at.Child("name"), port.Name, NameRules.PortName(port.Name));
                if (!names.Add(port.Name))
                {
                    errors.Duplicate(at.Child("name"), port.Name);
                }
            }

            if (port.Port == 0)
            {
                errors.Required(at.Child("containerPort"));
            }
            else
            {
                errors.Port(at.Child("containerPort"), port.Port);
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                errors.Port(at.Child("hostPort"), hostPort);
            }

            if (hostNetwork && port.HostPort is { } networkHostPort and not 0 && networkHostPort != port.Port)
            {
                errors.Invalid(at.Child("hostPort"), networkHostPort, "must match `containerPort` when `hostNetwork` is true");
            }

            errors.OneOf(at.Child("protocol"), port.Protocol, false, _protocols);
        }
    }

    private static void ValidateEnv(List<EnvVar>? env, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (env?.Count ?? 0); i++)
        {
            var variable = env![i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(variable.Name))
            {
                errors.Required(at.Child("name"));
            }
            else
            {
                errors.Rule(at.Child("name"), variable.Name, NameRules.EnvVarName(variable.Name));
            }

            if (variable.ValueFrom is not { } source)
            {
                continue;
            }

            var from = at.Child("valueFrom");
            var count = (source.FieldRef is null ? 0 : 1) + (source.ResourceFieldRef is null ? 0 : 1)
                + (source.ConfigMapKeyRef is null ? 0 : 1) + (source.SecretKeyRef is null ? 0 : 1);
            if (count == 0)
            {
                errors.Invalid(from, string.Empty, "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
            }
            else if (count > 1)
            {
                errors.Invalid(from, string.Empty, "may not have more than one field specified at a time");
            }

            if (!string.IsNullOrEmpty(variable.Value))
            {
                errors.Invalid(from, string.Empty, "may not be specified when `value` is not empty");
            }

            if (source.FieldRef is { } fieldRef)
            {
                var fieldPath = fieldRef.FieldPath;
                var supported = _fieldRefPaths.Contains(fieldPath, StringComparer.Ordinal)
                    || fieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal)
                    || fieldPath.StartsWith("metadata.annotations['", StringComparison.Ordinal);
                if (string.IsNullOrEmpty(fieldPath))
                {
                    errors.Required(from.Child("fieldRef", "fieldPath"));
                }
                else if (!supported)
                {
                    errors.NotSupported(from.Child("fieldRef", "fieldPath"), fieldPath, _fieldRefPaths);
                }
            }

            if (source.ResourceFieldRef is { } resourceRef)
            {
                errors.OneOf(from.Child("resourceFieldRef", "resource"), resourceRef.Resource, true,
                    "limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage");
            }

            ValidateKeyRef(source.ConfigMapKeyRef?.Name, source.ConfigMapKeyRef?.Key, source.ConfigMapKeyRef is not null, from.Child("configMapKeyRef"), errors);
            ValidateKeyRef(source.SecretKeyRef?.Name, source.SecretKeyRef?.Key, source.SecretKeyRef is not null, from.Child("secretKeyRef"), errors);
        }
    }

    private static void ValidateKeyRef(string? name, string? key, bool present, FieldPath at, ErrorList errors)
    {
        if (!present)
        {
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            errors.Required(at.Child("name"));
        }

        if (string.IsNullOrEmpty(key))
        {
            errors.Required(at.Child("key"));
        }
        else
        {
            errors.Rule(at.Child("key"), key, NameRules.ConfigMapKey(key));
        }
    }

    private static void ValidateEnvFrom(List<EnvFromSource>? sources, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < (sources?.Count ?? 0); i++)
        {
            var source = sources![i];
            var at = path.Index(i);
            if (!string.IsNullOrEmpty(source.Prefix))
            {
                errors.Rule(at.Child("prefix"), source.Prefix, NameRules.EnvVarName(source.Prefix));
            }

            var count = (source.ConfigMapRef is null ? 0 : 1) + (source.SecretRef is null ? 0 : 1);
            if (count != 1)
            {
                errors.Invalid(at, string.Empty, "must specify one of: `configMapRef` or `secretRef`");
            }

            if (source.ConfigMapRef is { Name: null or "" })
            {
                errors.Required(at.Child("configMapRef", "name"));
            }

            if (source.SecretRef is { Name: null or "" })
            {
                errors.Required(at.Child("secretRef", "name"));
            }
        }
    }

    /// <summary>Resource names, non-negative quantities, and requests not above limits.</summary>
    public static void ValidateResources(ResourceRequirements? resources, FieldPath path, ErrorList errors)
    {
        if (resources is null)
        {
            return;
        }

        ValidateResourceList(resources.Limits, path.Child("limits"), errors);
        ValidateResourceList(resources.Requests, path.Child("requests"), errors);
        foreach (var (name, request) in resources.Requests ?? [])
        {
            if (resources.Limits is not null && resources.Limits.TryGetValue(name, out var limit) && request > limit)
            {
                errors.Invalid(path.Child("requests").Key(name), request, $"must be less than or equal to {name} limit of {limit}");
            }
        }
    }

    public static void ValidateResourceList(Dictionary<string, Quantity>? list, FieldPath path, ErrorList errors)
    {
        foreach (var (name, quantity) in list ?? [])
        {
            var at = path.Key(name);
            var standard = _standardResources.Contains(name, StringComparer.Ordinal)
                || name.StartsWith("hugepages-", StringComparison.Ordinal)
                || (name.Contains('/', StringComparison.Ordinal) && NameRules.QualifiedName(name).Count == 0);
            if (!standard)
            {
                errors.Invalid(at, name, "must be a standard resource type or fully qualified");
            }

            if (quantity.Sign < 0)
            {
                errors.Invalid(at, quantity, "must be greater than or equal to 0");
            }
        }
    }

    private static void ValidateMounts(List<VolumeMount>? mounts, FieldPath path, HashSet<string> volumeNames, ErrorList errors)
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            var mount = mounts![i];
            var at = path.Index(i);
            if (string.IsNullOrEmpty(mount.Name))
            {
                errors.Required(at.Child("name"));
            }
            else if (!volumeNames.Contains(mount.Name))
            {
                errors.Add(FieldError.NotFound(at.Child("name"), mount.Name));
            }

            if (string.IsNullOrEmpty(mount.MountPath))
            {
                errors.Required(at.Child("mountPath"));
            }
            else if (!mountPaths.Add(mount.MountPath))
            {
                errors.Invalid(at.Child("mountPath"), mount.MountPath, "must be unique");
            }

            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                VolumeValidation.ValidateRelativePath(mount.SubPath, at.Child("subPath"), errors);
            }

            if (!string.IsNullOrEmpty(mount.SubPath) && !string.IsNullOrEmpty(mount.SubPathExpr))
            {
                errors.Invalid(at.Child("subPathExpr"), mount.SubPathExpr, "subPathExpr and subPath are mutually exclusive");
            }

            errors.OneOf(at.Child("mountPropagation"), mount.MountPropagation, false, "None", "HostToContainer", "Bidirectional");
        }
    }

    private static void ValidateProbe(Probe? probe, FieldPath path, bool mustSucceedOnce, bool allowsGracePeriod, ErrorList errors)
    {
        if (probe is null)
        {
            return;
        }

        ValidateHandler(path, errors, probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc);
        errors.NonNegative(path.Child("initialDelaySeconds"), probe.InitialDelaySeconds);
        foreach (var (value, name) in new[] { (probe.TimeoutSeconds, "timeoutSeconds"), (probe.PeriodSeconds, "periodSeconds"), (probe.SuccessThreshold, "successThreshold"), (probe.FailureThreshold, "failureThreshold") })
        {
            if (value < 1)
            {
                errors.Invalid(path.Child(name), value.Value, "must be greater than or equal to 1");
            }
        }

        if (mustSucceedOnce && probe.SuccessThreshold is { } threshold and not 1)
        {
            errors.Invalid(path.Child("successThreshold"), threshold, "must be 1");
        }

        if (probe.TerminationGracePeriodSeconds is { } grace)
        {
            if (!allowsGracePeriod)
            {
                errors.Invalid(path.Child("terminationGracePeriodSeconds"), grace, "must not be set for readinessProbes");
            }
            else if (grace <= 0)
            {
                errors.Invalid(path.Child("terminationGracePeriodSeconds"), grace, "must be greater than 0");
            }
        }
    }

    private static void ValidateLifecycle(Lifecycle? lifecycle, FieldPath path, ErrorList errors)
    {
        foreach (var (handler, name) in new[] { (lifecycle?.PostStart, "postStart"), (lifecycle?.PreStop, "preStop") })
        {
            if (handler is null)
            {
                continue;
            }

            var at = path.Child(name);
            ValidateHandler(at, errors, handler.Exec, handler.HttpGet, handler.TcpSocket, handler.Sleep);
            if (handler.Sleep is { Seconds: < 0 } sleep)
            {
                errors.Invalid(at.Child("sleep", "seconds"), sleep.Seconds, "must be greater than or equal to 0");
            }
        }
    }

    private static void ValidateHandler(FieldPath path, ErrorList errors, params object?[] handlers)
    {
        var set = handlers.Count(h => h is not null);
        if (set == 0)
        {
            errors.Required(path, "must specify a handler type");
        }
        else if (set > 1)
        {
            errors.Forbidden(path, "may not specify more than 1 handler type");
        }

        foreach (var handler in handlers)
        {
            switch (handler)
            {
                case ExecAction exec when exec.Command is null or { Count: 0 }:
                    errors.Required(path.Child("exec", "command"));
                    break;
                case HttpGetAction httpGet:
                    ValidatePortNumberOrName(httpGet.Port, path.Child("httpGet", "port"), errors);
                    errors.OneOf(path.Child("httpGet", "scheme"), httpGet.Scheme, false, "HTTP", "HTTPS");
                    break;
                case TcpSocketAction tcp:
                    ValidatePortNumberOrName(tcp.Port, path.Child("tcpSocket", "port"), errors);
                    break;
                case GrpcAction grpc:
                    errors.Port(path.Child("grpc", "port"), grpc.Port);
                    break;
            }
        }
    }

    /// <summary>A port given as a number (1-65535) or as an IANA service name.</summary>
    public static void ValidatePortNumberOrName(IntOrString port, FieldPath path, ErrorList errors)
    {
        if (port.IsString)
        {
            errors.Rule(path, port.StringValue, NameRules.PortName(port.StringValue));
        }
        else
        {
            errors.Port(path, port.IntValue);
        }
    }
}
