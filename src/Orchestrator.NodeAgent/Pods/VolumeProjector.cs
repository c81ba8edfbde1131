using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Writes the configMap and secret volumes of a pod as files under the pod's volume directory
/// (<c>&lt;root&gt;/&lt;volume&gt;/&lt;path&gt;</c>), which the containers then bind read-only.
/// </summary>
public static class VolumeProjector
{
    private const int DefaultMode = 420; // 0644, the API's default

    /// <summary>Projects every configMap and secret volume of <paramref name="pod"/> into <paramref name="volumesRoot"/>.</summary>
    public static void Project(Pod pod, PodDependencies dependencies, string volumesRoot)
    {
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.ConfigMap is { } cm)
            {
                var data = cm.Name is { } name && dependencies.ConfigMaps.TryGetValue(name, out var d) ? d : null;
                Write(Path.Combine(volumesRoot, volume.Name), data, cm.Items, cm.DefaultMode);
            }
            else if (volume.Secret is { } secret)
            {
                var data = secret.SecretName is { } name && dependencies.Secrets.TryGetValue(name, out var d) ? d : null;
                Write(Path.Combine(volumesRoot, volume.Name), data, secret.Items, secret.DefaultMode);
            }
        }
    }

    /// <summary>The files of one volume: every key, or only <paramref name="items"/> (key → relative path, mode).</summary>
    public static IReadOnlyList<(string Path, byte[] Content, int Mode)> Files(
        IReadOnlyDictionary<string, byte[]>? data, IReadOnlyList<KeyToPath>? items, int? defaultMode)
    {
        var mode = defaultMode ?? DefaultMode;
        if (data is null)
        {
            return [];
        }

        if (items is { Count: > 0 })
        {
            return items.Where(i => data.ContainsKey(i.Key)).Select(i => (Safe(i.Path), data[i.Key], i.Mode ?? mode)).ToList();
        }

        return data.Select(kv => (Safe(kv.Key), kv.Value, mode)).ToList();
    }

    private static void Write(string directory, IReadOnlyDictionary<string, byte[]>? data, IReadOnlyList<KeyToPath>? items, int? defaultMode)
    {
        Directory.CreateDirectory(directory);
        foreach (var (relative, content, mode) in Files(data, items, defaultMode))
        {
            var path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, (UnixFileMode)(mode & 0x1FF));
            }

            File.Move(temp, path, overwrite: true);
        }
    }

    private static string Safe(string relative)
    {
        if (Path.IsPathRooted(relative) || relative.Split('/').Any(p => p == ".."))
        {
            throw new InvalidOperationException($"volume path {relative} must be relative and must not contain '..'");
        }

        return relative;
    }
}
