using System.Text.Json.Serialization;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A single application container to run within a pod (core/v1 Container).</summary>
public sealed class Container
{
    /// <summary>Name, a DNS-1123 label unique within the pod. Required. Cannot be updated.</summary>
    public string Name { get; set; } = "";

    /// <summary>Container image name. Required for workloads (optional only where a higher-level config supplies it).</summary>
    public string? Image { get; set; }

    /// <summary>Entrypoint array, not run in a shell; the image's ENTRYPOINT when not set. $(VAR) references are expanded.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Arguments to the entrypoint; the image's CMD when not set.</summary>
    public List<string>? Args { get; set; }

    /// <summary>Working directory; the runtime's default (usually the image's WORKDIR) when not set.</summary>
    public string? WorkingDir { get; set; }

    /// <summary>Ports to expose; informational. Merged by containerPort.</summary>
    [PatchMerge("containerPort")]
    public List<ContainerPort>? Ports { get; set; }

    /// <summary>Sources to populate environment variables from; keys must be C identifiers.</summary>
    public List<EnvFromSource>? EnvFrom { get; set; }

    /// <summary>Environment variables to set. Merged by name.</summary>
    [PatchMerge("name")]
    public List<EnvVar>? Env { get; set; }

    /// <summary>Compute resources required by this container.</summary>
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Per-container restart policy; only "Always" on an init container (a sidecar).</summary>
    public string? RestartPolicy { get; set; }

    /// <summary>Volumes to mount into the container's filesystem. Merged by mountPath.</summary>
    [PatchMerge("mountPath")]
    public List<VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Periodic probe of liveness; the container is restarted when it fails.</summary>
    public Probe? LivenessProbe { get; set; }

    /// <summary>Periodic probe of readiness; the pod is removed from service endpoints when it fails.</summary>
    public Probe? ReadinessProbe { get; set; }

    /// <summary>Probe that must succeed before liveness and readiness probes start.</summary>
    public Probe? StartupProbe { get; set; }

    /// <summary>Actions run on container lifecycle events.</summary>
    public Lifecycle? Lifecycle { get; set; }

    /// <summary>File the termination message is read from. Default /dev/termination-log.</summary>
    public string? TerminationMessagePath { get; set; }

    /// <summary>File or FallbackToLogsOnError. Default File.</summary>
    public string? TerminationMessagePolicy { get; set; }

    /// <summary>Always, Never or IfNotPresent. Default Always when the tag is :latest or absent, else IfNotPresent.</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary>Security options the container runs with.</summary>
    public SecurityContext? SecurityContext { get; set; }

    /// <summary>Allocate a stdin buffer. Default false.</summary>
    public bool? Stdin { get; set; }

    /// <summary>Close stdin after the first attach. Default false.</summary>
    public bool? StdinOnce { get; set; }

    /// <summary>Allocate a TTY. Default false.</summary>
    public bool? Tty { get; set; }
}

/// <summary>A network port in a single container (core/v1 ContainerPort).</summary>
public sealed class ContainerPort
{
    /// <summary>An IANA_SVC_NAME unique within the pod, referable by services.</summary>
    public string? Name { get; set; }

    /// <summary>Port number to expose on the host; most containers do not need this.</summary>
    public int? HostPort { get; set; }

    /// <summary>Port number on the pod's IP address, 1-65535; "containerPort" on the wire. Required.</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }

    /// <summary>UDP, TCP or SCTP. Default TCP.</summary>
    public string? Protocol { get; set; }

    /// <summary>Host IP to bind the external port to.</summary>
    public string? HostIP { get; set; }
}

/// <summary>Compute resource requirements (core/v1 ResourceRequirements).</summary>
public sealed class ResourceRequirements
{
    /// <summary>Maximum resources allowed, e.g. cpu: 500m, memory: 128Mi.</summary>
    public Dictionary<string, Quantity>? Limits { get; set; }

    /// <summary>Minimum resources required; defaults to the limits when omitted and limits are set.</summary>
    public Dictionary<string, Quantity>? Requests { get; set; }
}

/// <summary>A mounting of a volume within a container (core/v1 VolumeMount).</summary>
public sealed class VolumeMount
{
    /// <summary>Must match the name of a pod volume. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Mounted read-only when true. Default false.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>Path within the container to mount at; must not contain ':'. Required.</summary>
    public string MountPath { get; set; } = "";

    /// <summary>Path within the volume to mount from. Default "" (the volume's root).</summary>
    public string? SubPath { get; set; }

    /// <summary>None, HostToContainer or Bidirectional. Default None.</summary>
    public string? MountPropagation { get; set; }

    /// <summary>Like subPath but with $(VAR) expansion; mutually exclusive with subPath.</summary>
    public string? SubPathExpr { get; set; }
}

/// <summary>Actions the management system takes on container lifecycle events (core/v1 Lifecycle).</summary>
public sealed class Lifecycle
{
    /// <summary>Called right after the container is created; the container restarts if it fails.</summary>
    public LifecycleHandler? PostStart { get; set; }

    /// <summary>Called before the container is terminated; the grace period countdown runs meanwhile.</summary>
    public LifecycleHandler? PreStop { get; set; }
}

/// <summary>One action of a lifecycle hook; exactly one field must be set (core/v1 LifecycleHandler).</summary>
public sealed class LifecycleHandler
{
    /// <summary>Run a command in the container.</summary>
    public ExecAction? Exec { get; set; }

    /// <summary>Send an HTTP GET.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>Deprecated; kept for compatibility.</summary>
    public TcpSocketAction? TcpSocket { get; set; }

    /// <summary>Sleep before the container is terminated.</summary>
    public SleepAction? Sleep { get; set; }
}

/// <summary>Sleep for a number of seconds (core/v1 SleepAction).</summary>
public sealed class SleepAction
{
    /// <summary>Seconds to sleep. Required.</summary>
    public long Seconds { get; set; }
}

/// <summary>Security options of a container (core/v1 SecurityContext).</summary>
public sealed class SecurityContext
{
    /// <summary>Capabilities to add or drop. Default: the runtime's set.</summary>
    public Capabilities? Capabilities { get; set; }

    /// <summary>Run in privileged mode. Default false.</summary>
    public bool? Privileged { get; set; }

    /// <summary>UID to run the entrypoint as. Default: the image's user.</summary>
    public long? RunAsUser { get; set; }

    /// <summary>GID to run the entrypoint as. Default: the runtime's.</summary>
    public long? RunAsGroup { get; set; }

    /// <summary>Require a non-root user. Default false.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary>Mount the root filesystem read-only. Default false.</summary>
    public bool? ReadOnlyRootFilesystem { get; set; }

    /// <summary>Allow gaining more privileges than the parent process. Default true.</summary>
    public bool? AllowPrivilegeEscalation { get; set; }

    /// <summary>Seccomp profile.</summary>
    public SeccompProfile? SeccompProfile { get; set; }
}

/// <summary>POSIX capabilities to add or drop (core/v1 Capabilities).</summary>
public sealed class Capabilities
{
    /// <summary>Capabilities to add.</summary>
    public List<string>? Add { get; set; }

    /// <summary>Capabilities to drop.</summary>
    public List<string>? Drop { get; set; }
}

/// <summary>A seccomp profile (core/v1 SeccompProfile).</summary>
public sealed class SeccompProfile
{
    /// <summary>RuntimeDefault, Unconfined or Localhost. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>Profile path on the node when type is Localhost.</summary>
    public string? LocalhostProfile { get; set; }
}

/// <summary>Pod-level security options (core/v1 PodSecurityContext).</summary>
public sealed class PodSecurityContext
{
    /// <summary>UID for all containers' entrypoints. Default: the image's user.</summary>
    public long? RunAsUser { get; set; }

    /// <summary>GID for all containers' entrypoints.</summary>
    public long? RunAsGroup { get; set; }

    /// <summary>Require a non-root user. Default false.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary>Group that owns the pod's volumes.</summary>
    public long? FsGroup { get; set; }

    /// <summary>Additional groups for each container's first process.</summary>
    public List<long>? SupplementalGroups { get; set; }

    /// <summary>OnRootMismatch or Always. Default Always.</summary>
    public string? FsGroupChangePolicy { get; set; }

    /// <summary>Seccomp profile for all containers.</summary>
    public SeccompProfile? SeccompProfile { get; set; }

    /// <summary>Namespaced sysctls for the pod.</summary>
    public List<Sysctl>? Sysctls { get; set; }
}

/// <summary>A kernel parameter to set (core/v1 Sysctl).</summary>
public sealed class Sysctl
{
    /// <summary>Name of the property. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Value of the property. Required.</summary>
    public string Value { get; set; } = "";
}
