using System.Globalization;
using System.Numerics;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Turns a spec container into a <see cref="ContainerLaunch"/>: env with the downward API and ConfigMaps/Secrets resolved, limits
/// as bytes and nano-CPUs, emptyDir, hostPath, configMap and secret volumes as host binds. Pure, so it is tested by table.
/// </summary>
public static class ContainerLaunchBuilder
{
    /// <summary>Builds the launch of <paramref name="container"/> of <paramref name="pod"/>.</summary>
    /// <param name="pod">The pod (metadata and spec feed the downward API).</param>
    /// <param name="container">The container.</param>
    /// <param name="isInit">Whether it is an init container.</param>
    /// <param name="restartCount">Restarts so far.</param>
    /// <param name="podIp">The sandbox's IP, for <c>status.podIP</c>.</param>
    /// <param name="emptyDirRoot">The pod's directory for emptyDir volumes.</param>
    /// <param name="dependencies">The ConfigMaps and Secrets the pod refers to; none when null.</param>
    public static ContainerLaunch Build(
        Pod pod, Container container, bool isInit, int restartCount, string? podIp, string emptyDirRoot, PodDependencies? dependencies = null)
    {
        var limits = container.Resources?.Limits;
        var env = ResolveEnv(pod, container, podIp, dependencies);
        var lookup = env.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        return new ContainerLaunch
        {
            Name = container.Name,
            Image = container.Image ?? "",
            Command = container.Command is { Count: > 0 } command ? command.Select(c => Expand(c, lookup)).ToList() : null,
            Args = container.Args is { Count: > 0 } args ? args.Select(a => Expand(a, lookup)).ToList() : null,
            WorkingDir = container.WorkingDir,
            Env = env,
            MemoryBytes = limits is not null && limits.TryGetValue("memory", out var memory) ? memory.Value : null,
            NanoCpus = limits is not null && limits.TryGetValue("cpu", out var cpu) ? (long)cpu.Nanos : null,
            CpuShares = CpuShares(container.Resources),
            Mounts = ResolveMounts(pod, container, emptyDirRoot),
            RestartCount = restartCount,
            IsInit = isInit,
        };
    }

    /// <summary>
    /// cgroup CPU shares from the CPU request as the kubelet computes them: 1024 per CPU, at least 2; a container that
    /// sets only a CPU limit requests that much; none when neither is set (the engine's default of 1024).
    /// </summary>
    public static long? CpuShares(ResourceRequirements? resources)
    {
        Quantity cpu;
        if (resources?.Requests?.TryGetValue("cpu", out var request) == true)
        {
            cpu = request;
        }
        else if (resources?.Limits?.TryGetValue("cpu", out var limit) == true)
        {
            cpu = limit;
        }
        else
        {
            return null;
        }

        return Math.Max(2, cpu.MilliValue * 1024 / 1000);
    }

    /// <summary>The container's env in spec order; values from the downward API resolved, unresolvable ones left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResolveEnv(Pod pod, Container container, string? podIp, PodDependencies? dependencies = null)
    {
        var deps = dependencies ?? PodDependencies.None;
        var env = new List<KeyValuePair<string, string>>();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in container.EnvFrom ?? [])
        {
            // envFrom comes first, so env entries of the same name override it, as in the kubelet.
            var data = from.ConfigMapRef?.Name is { } cm ? deps.ConfigMaps.GetValueOrDefault(cm)
                : from.SecretRef?.Name is { } secret ? deps.Secrets.GetValueOrDefault(secret) : null;
            foreach (var (key, bytes) in (data ?? new Dictionary<string, byte[]>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var name = (from.Prefix ?? "") + key;
                var value = System.Text.Encoding.UTF8.GetString(bytes);
                env.Add(new(name, value));
                defined[name] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom switch
            {
                // A literal may refer to variables defined before it, as the kubelet allows.
                null => Expand(variable.Value ?? "", defined),
                { FieldRef: { } field } => FieldValue(pod, field.FieldPath, podIp),
                { ResourceFieldRef: { } resource } => ResourceValue(pod, container, resource),
                { ConfigMapKeyRef: { Name: { } cm } cmRef } => KeyValue(deps.ConfigMaps, cm, cmRef.Key),
                { SecretKeyRef: { Name: { } secret } secretRef } => KeyValue(deps.Secrets, secret, secretRef.Key),
                _ => null,
            };
            if (value is not null)
            {
                env.Add(new(variable.Name, value));
                defined[variable.Name] = value;
            }
        }

        return env;
    }

    /// <summary>
    /// Kubernetes' <c>$(NAME)</c> expansion: a reference to a defined variable becomes its value, <c>$$</c>
    /// becomes <c>$</c> (so <c>$$(NAME)</c> stays literal), and a reference to an undefined one is kept as written.
    /// </summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new System.Text.StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
                continue;
            }

            var close = next == '(' ? input.IndexOf(')', i + 2) : -1;
            if (close < 0)
            {
                output.Append('$');
                continue;
            }

            var name = input[(i + 2)..close];
            output.Append(variables.TryGetValue(name, out var value) ? value : input[i..(close + 1)]);
            i = close;
        }

        return output.ToString();
    }

    /// <summary>A downward API field path's value, or null when the path is not supported.</summary>
    public static string? FieldValue(Pod pod, string fieldPath, string? podIp)
    {
        var meta = pod.Metadata;
        switch (fieldPath)
        {
            case "metadata.name": return meta.Name ?? "";
            case "metadata.namespace": return meta.Namespace ?? "default";
            case "metadata.uid": return meta.Uid ?? "";
            case "spec.nodeName": return pod.Spec.NodeName ?? "";
            case "spec.serviceAccountName": return pod.Spec.ServiceAccountName ?? "";
            case "status.podIP": return podIp ?? "";
            case "status.hostIP": return pod.Status?.HostIP ?? "";
        }

        if (TryKey(fieldPath, "metadata.labels", out var label))
        {
            return meta.Label(label) ?? "";
        }

        return TryKey(fieldPath, "metadata.annotations", out var annotation) ? meta.Annotation(annotation) ?? "" : null;
    }

    private static string? ResourceValue(Pod pod, Container container, ResourceFieldSelector selector)
    {
        var target = selector.ContainerName is { Length: > 0 } name
            ? pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == name) ?? container
            : container;
        var parts = selector.Resource.Split('.', 2);
        if (parts.Length != 2)
        {
            return null;
        }

        var map = parts[0] == "limits" ? target.Resources?.Limits : target.Resources?.Requests;
        if (map is null || !map.TryGetValue(parts[1], out var quantity))
        {
            return null;
        }

        var divisor = selector.Divisor is { IsZero: false } d ? d.Nanos : (BigInteger)1_000_000_000;
        var result = BigInteger.Divide(quantity.Nanos + divisor - 1, divisor);
        return result.ToString(CultureInfo.InvariantCulture);
    }

    private static List<HostMount> ResolveMounts(Pod pod, Container container, string emptyDirRoot)
    {
        var mounts = new List<HostMount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Spec.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            var (hostPath, create) = volume switch
            {
                { EmptyDir: not null } => (Path.Combine(emptyDirRoot, volume.Name), true),
                { HostPath: { } host } => (host.Path, host.Type is "DirectoryOrCreate"),
                { ConfigMap: not null } or { Secret: not null } => (Path.Combine(emptyDirRoot, volume.Name), true),
                _ => ((string?)null, false),
            };
            if (hostPath is null)
            {
                continue;
            }

            if (mount.SubPath is { Length: > 0 } subPath)
            {
                hostPath = Path.Combine(hostPath, subPath);
            }

            var readOnly = mount.ReadOnly == true || volume!.ConfigMap is not null || volume.Secret is not null;
            mounts.Add(new HostMount(hostPath, mount.MountPath, readOnly, create));
        }

        return mounts;
    }

    private static string? KeyValue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>?> all, string name, string key) =>
        all.GetValueOrDefault(name) is { } data && data.TryGetValue(key, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    private static bool TryKey(string fieldPath, string prefix, out string key)
    {
        key = "";
        if (!fieldPath.StartsWith(prefix + "['", StringComparison.Ordinal) || !fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }

        key = fieldPath[(prefix.Length + 2)..^2];
        return true;
    }
}
