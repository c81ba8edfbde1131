using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A named volume in a pod that containers can mount; exactly one source is set (core/v1 Volume).</summary>
public sealed class Volume
{
    /// <summary>Volume name, a DNS-1123 label unique within the pod. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>A temporary directory that shares the pod's lifetime.</summary>
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    /// <summary>A file or directory on the host node.</summary>
    public HostPathVolumeSource? HostPath { get; set; }

    /// <summary>A ConfigMap's keys as files.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    /// <summary>A Secret's keys as files.</summary>
    public SecretVolumeSource? Secret { get; set; }

    /// <summary>A PersistentVolumeClaim in the pod's namespace.</summary>
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    /// <summary>Pod fields as files.</summary>
    public DownwardApiVolumeSource? DownwardAPI { get; set; }

    /// <summary>Several sources projected into one directory.</summary>
    public ProjectedVolumeSource? Projected { get; set; }
}

/// <summary>An empty directory for the pod (core/v1 EmptyDirVolumeSource).</summary>
public sealed class EmptyDirVolumeSource
{
    /// <summary>"" (the node's default medium) or "Memory" (tmpfs). Default "".</summary>
    public string? Medium { get; set; }

    /// <summary>Maximum size. Default: unlimited (bounded by the node and the pod's memory limit for Memory).</summary>
    public Quantity? SizeLimit { get; set; }
}

/// <summary>A host path mapped into the pod (core/v1 HostPathVolumeSource).</summary>
public sealed class HostPathVolumeSource
{
    /// <summary>Path on the host; a symlink is followed. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>"", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice. Default "".</summary>
    public string? Type { get; set; }
}

/// <summary>Maps a key to a relative file path (core/v1 KeyToPath).</summary>
public sealed class KeyToPath
{
    /// <summary>The key to project. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>Relative path of the file; may not contain '..'. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>Mode bits for this file, 0000-0777. Default: the volume's defaultMode.</summary>
    public int? Mode { get; set; }
}

/// <summary>A ConfigMap as a volume (core/v1 ConfigMapVolumeSource).</summary>
public sealed class ConfigMapVolumeSource
{
    /// <summary>Name of the ConfigMap.</summary>
    public string? Name { get; set; }

    /// <summary>Keys to project; every key when not set.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>Mode bits for created files, 0000-0777. Default 0644 (420).</summary>
    public int? DefaultMode { get; set; }

    /// <summary>When true the ConfigMap or its keys may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>A Secret as a volume (core/v1 SecretVolumeSource).</summary>
public sealed class SecretVolumeSource
{
    /// <summary>Name of the Secret in the pod's namespace.</summary>
    public string? SecretName { get; set; }

    /// <summary>Keys to project; every key when not set.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>Mode bits for created files, 0000-0777. Default 0644 (420).</summary>
    public int? DefaultMode { get; set; }

    /// <summary>When true the Secret or its keys may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>A reference to a PersistentVolumeClaim (core/v1 PersistentVolumeClaimVolumeSource).</summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    /// <summary>Name of the claim in the pod's namespace. Required.</summary>
    public string ClaimName { get; set; } = "";

    /// <summary>Force read-only mounts. Default false.</summary>
    public bool? ReadOnly { get; set; }
}

/// <summary>Pod fields exposed as files (core/v1 DownwardAPIVolumeSource).</summary>
public sealed class DownwardApiVolumeSource
{
    /// <summary>The files.</summary>
    public List<DownwardApiVolumeFile>? Items { get; set; }

    /// <summary>Mode bits for created files. Default 0644 (420).</summary>
    public int? DefaultMode { get; set; }
}

/// <summary>One downward-API file (core/v1 DownwardAPIVolumeFile).</summary>
public sealed class DownwardApiVolumeFile
{
    /// <summary>Relative path of the file. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>A pod field.</summary>
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>A container resource.</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    /// <summary>Mode bits for the file. Default: the volume's defaultMode.</summary>
    public int? Mode { get; set; }
}

/// <summary>Several volume sources in one directory (core/v1 ProjectedVolumeSource).</summary>
public sealed class ProjectedVolumeSource
{
    /// <summary>The sources.</summary>
    public List<VolumeProjection>? Sources { get; set; }

    /// <summary>Mode bits for created files. Default 0644 (420).</summary>
    public int? DefaultMode { get; set; }
}

/// <summary>One projected source; exactly one field is set (core/v1 VolumeProjection).</summary>
public sealed class VolumeProjection
{
    /// <summary>Secret keys.</summary>
    public SecretProjection? Secret { get; set; }

    /// <summary>ConfigMap keys.</summary>
    public ConfigMapProjection? ConfigMap { get; set; }

    /// <summary>Pod fields.</summary>
    public DownwardApiProjection? DownwardAPI { get; set; }

    /// <summary>A service account token.</summary>
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
}

/// <summary>Secret keys in a projected volume (core/v1 SecretProjection).</summary>
public sealed class SecretProjection
{
    /// <summary>Name of the Secret.</summary>
    public string? Name { get; set; }

    /// <summary>Keys to project; every key when not set.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>When true the Secret may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>ConfigMap keys in a projected volume (core/v1 ConfigMapProjection).</summary>
public sealed class ConfigMapProjection
{
    /// <summary>Name of the ConfigMap.</summary>
    public string? Name { get; set; }

    /// <summary>Keys to project; every key when not set.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>When true the ConfigMap may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>Pod fields in a projected volume (core/v1 DownwardAPIProjection).</summary>
public sealed class DownwardApiProjection
{
    /// <summary>The files.</summary>
    public List<DownwardApiVolumeFile>? Items { get; set; }
}

/// <summary>A service account token in a projected volume (core/v1 ServiceAccountTokenProjection).</summary>
public sealed class ServiceAccountTokenProjection
{
    /// <summary>Intended audience of the token. Default: the apiserver's identifier.</summary>
    public string? Audience { get; set; }

    /// <summary>Requested validity in seconds. Default 3600; minimum 600.</summary>
    public long? ExpirationSeconds { get; set; }

    /// <summary>Path of the token file relative to the mount point. Required.</summary>
    public string Path { get; set; } = "";
}
