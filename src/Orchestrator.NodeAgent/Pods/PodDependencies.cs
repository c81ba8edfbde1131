using System.Text;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// The ConfigMaps and Secrets a pod refers to, as the agent read them from the store before starting its
/// worker: name → key → bytes; a name that was not found maps to null.
/// </summary>
/// <param name="ConfigMaps">ConfigMap data (binaryData included) by name; null when the ConfigMap does not exist.</param>
/// <param name="Secrets">Secret data (stringData merged over data) by name; null when the Secret does not exist.</param>
public sealed record PodDependencies(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>?> ConfigMaps,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>?> Secrets)
{
    /// <summary>No references at all.</summary>
    public static PodDependencies None { get; } = new(
        new Dictionary<string, IReadOnlyDictionary<string, byte[]>?>(), new Dictionary<string, IReadOnlyDictionary<string, byte[]>?>());

    /// <summary>The names of the ConfigMaps and Secrets <paramref name="pod"/> refers to (env, envFrom, volumes).</summary>
    public static (IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets) Referenced(Pod pod)
    {
        var configMaps = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
        {
            foreach (var env in container.Env ?? [])
            {
                AddIf(configMaps, env.ValueFrom?.ConfigMapKeyRef?.Name);
                AddIf(secrets, env.ValueFrom?.SecretKeyRef?.Name);
            }

            foreach (var from in container.EnvFrom ?? [])
            {
                AddIf(configMaps, from.ConfigMapRef?.Name);
                AddIf(secrets, from.SecretRef?.Name);
            }
        }

        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            AddIf(configMaps, volume.ConfigMap?.Name);
            AddIf(secrets, volume.Secret?.SecretName);
        }

        return (configMaps, secrets);
    }

    /// <summary>The data of a ConfigMap as bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> DataOf(ConfigMap configMap)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? [])
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap.BinaryData ?? [])
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The data of a Secret as bytes (<c>data</c> is already decoded from base64; <c>stringData</c> wins).</summary>
    public static IReadOnlyDictionary<string, byte[]> DataOf(Secret secret)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Data ?? [])
        {
            data[key] = value;
        }

        foreach (var (key, value) in secret.StringData ?? [])
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        return data;
    }

    /// <summary>
    /// The kubelet's CreateContainerConfigError message for the first non-optional reference of
    /// <paramref name="container"/> (or of the pod's volumes) that cannot be resolved, or null when all resolve.
    /// </summary>
    public string? MissingFor(Pod pod, Container container)
    {
        foreach (var env in container.Env ?? [])
        {
            if (env.ValueFrom?.ConfigMapKeyRef is { Name: { } cm } cmRef && cmRef.Optional != true)
            {
                if (Problem(ConfigMaps, "configmap", cm, cmRef.Key) is { } problem)
                {
                    return problem;
                }
            }

            if (env.ValueFrom?.SecretKeyRef is { Name: { } s } sRef && sRef.Optional != true)
            {
                if (Problem(Secrets, "secret", s, sRef.Key) is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.ConfigMapRef is { Name: { } cm } cmRef && cmRef.Optional != true && Problem(ConfigMaps, "configmap", cm, null) is { } p1)
            {
                return p1;
            }

            if (from.SecretRef is { Name: { } s } sRef && sRef.Optional != true && Problem(Secrets, "secret", s, null) is { } p2)
            {
                return p2;
            }
        }

        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Spec.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            if (volume?.ConfigMap is { Name: { } cm } cmVolume && cmVolume.Optional != true)
            {
                foreach (var key in (cmVolume.Items ?? []).Select(i => (string?)i.Key).DefaultIfEmpty(null))
                {
                    if (Problem(ConfigMaps, "configmap", cm, key) is { } problem)
                    {
                        return problem;
                    }
                }
            }

            if (volume?.Secret is { SecretName: { } s } sVolume && sVolume.Optional != true)
            {
                foreach (var key in (sVolume.Items ?? []).Select(i => (string?)i.Key).DefaultIfEmpty(null))
                {
                    if (Problem(Secrets, "secret", s, key) is { } problem)
                    {
                        return problem;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The first message of <see cref="MissingFor"/> over every container of the pod, or null.</summary>
    public string? MissingFor(Pod pod) =>
        pod.Spec.InitContainers?.Concat(pod.Spec.Containers).Select(c => MissingFor(pod, c)).FirstOrDefault(m => m is not null)
        ?? pod.Spec.Containers.Select(c => MissingFor(pod, c)).FirstOrDefault(m => m is not null);

    private static string? Problem(IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>?> all, string kind, string name, string? key)
    {
        if (!all.TryGetValue(name, out var data) || data is null)
        {
            return $"{kind} \"{name}\" not found";
        }

        return key is not null && !data.ContainsKey(key) ? $"couldn't find key {key} in {(kind == "secret" ? "Secret" : "ConfigMap")} {name}" : null;
    }

    private static void AddIf(SortedSet<string> set, string? name)
    {
        if (name is { Length: > 0 })
        {
            set.Add(name);
        }
    }
}
