using Orchestrator.Model.Patching;

namespace Orchestrator.Model.Core.V1;

/// <summary>Observed state of a pod (core/v1 PodStatus).</summary>
public sealed class PodStatus
{
    /// <summary>Generation of the pod spec the status reflects.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    /// <summary>Current service state. Merged by type.</summary>
    [PatchMerge("type")]
    public List<PodCondition>? Conditions { get; set; }

    /// <summary>Human-readable message on why the pod is in this state.</summary>
    public string? Message { get; set; }

    /// <summary>Brief CamelCase reason, e.g. Evicted.</summary>
    public string? Reason { get; set; }

    /// <summary>Node the pod is expected to preempt its way onto.</summary>
    public string? NominatedNodeName { get; set; }

    /// <summary>Primary IP of the node the pod is on.</summary>
    public string? HostIP { get; set; }

    /// <summary>All IPs of the host. Merged by ip.</summary>
    [PatchMerge("ip")]
    public List<HostIp>? HostIPs { get; set; }

    /// <summary>Primary IP of the pod.</summary>
    public string? PodIP { get; set; }

    /// <summary>All IPs of the pod (one per family). Merged by ip.</summary>
    [PatchMerge("ip")]
    public List<PodIp>? PodIPs { get; set; }

    /// <summary>When the kubelet acknowledged the pod, before images were pulled.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Statuses of the init containers, one per container in the spec.</summary>
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    /// <summary>Statuses of the app containers, one per container in the spec.</summary>
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    /// <summary>Guaranteed, Burstable or BestEffort.</summary>
    public string? QosClass { get; set; }
}

/// <summary>One pod condition (core/v1 PodCondition).</summary>
public sealed class PodCondition
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready, ... Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Generation the condition was set from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Last time the condition was probed.</summary>
    public DateTimeOffset? LastProbeTime { get; set; }

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Unique, one-word CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable details of the last transition.</summary>
    public string? Message { get; set; }
}

/// <summary>An IP address of the pod (core/v1 PodIP).</summary>
public sealed class PodIp
{
    /// <summary>The IP address. Required.</summary>
    public string Ip { get; set; } = "";
}

/// <summary>An IP address of the host (core/v1 HostIP).</summary>
public sealed class HostIp
{
    /// <summary>The IP address. Required.</summary>
    public string Ip { get; set; } = "";
}

/// <summary>Status of one container (core/v1 ContainerStatus).</summary>
public sealed class ContainerStatus
{
    /// <summary>Name of the container in the spec. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Current state.</summary>
    public ContainerState? State { get; set; }

    /// <summary>Last termination state, for a restarted container.</summary>
    public ContainerState? LastState { get; set; }

    /// <summary>Passed its readiness probe (true when it has none and is running). Required.</summary>
    public bool Ready { get; set; }

    /// <summary>Number of restarts. Required.</summary>
    public int RestartCount { get; set; }

    /// <summary>Image the container is running. Required.</summary>
    public string Image { get; set; } = "";

    /// <summary>Image id (digest) the container is running. Required.</summary>
    public string ImageID { get; set; } = "";

    /// <summary>Runtime id in the form '&lt;type&gt;://&lt;container_id&gt;'.</summary>
    public string? ContainerID { get; set; }

    /// <summary>Passed its startup probe (true when it has none and is running).</summary>
    public bool? Started { get; set; }
}

/// <summary>State of a container; at most one field is set, none meaning waiting (core/v1 ContainerState).</summary>
public sealed class ContainerState
{
    /// <summary>Not yet running.</summary>
    public ContainerStateWaiting? Waiting { get; set; }

    /// <summary>Running.</summary>
    public ContainerStateRunning? Running { get; set; }

    /// <summary>Ran and exited.</summary>
    public ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>A waiting container (core/v1 ContainerStateWaiting).</summary>
public sealed class ContainerStateWaiting
{
    /// <summary>Brief reason, e.g. ContainerCreating, CrashLoopBackOff, ImagePullBackOff.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }
}

/// <summary>A running container (core/v1 ContainerStateRunning).</summary>
public sealed class ContainerStateRunning
{
    /// <summary>When the container last (re)started.</summary>
    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>A terminated container (core/v1 ContainerStateTerminated).</summary>
public sealed class ContainerStateTerminated
{
    /// <summary>Exit status of the last termination. Required.</summary>
    public int ExitCode { get; set; }

    /// <summary>Signal of the last termination.</summary>
    public int? Signal { get; set; }

    /// <summary>Brief reason, e.g. Completed, Error, OOMKilled.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }

    /// <summary>When the previous execution started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the container last terminated.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Runtime id in the form '&lt;type&gt;://&lt;container_id&gt;'.</summary>
    public string? ContainerID { get; set; }
}

/// <summary>Values of <see cref="PodStatus.Phase"/>.</summary>
public static class PodPhase
{
    /// <summary>Accepted, not all containers created yet.</summary>
    public const string Pending = "Pending";

    /// <summary>Bound to a node and all containers started.</summary>
    public const string Running = "Running";

    /// <summary>All containers terminated in success.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>All containers terminated, at least one in failure.</summary>
    public const string Failed = "Failed";

    /// <summary>The state could not be obtained.</summary>
    public const string Unknown = "Unknown";
}

/// <summary>Values of <see cref="PodSpec.RestartPolicy"/>.</summary>
public static class RestartPolicy
{
    /// <summary>Always restart (the default).</summary>
    public const string Always = "Always";

    /// <summary>Restart on failure.</summary>
    public const string OnFailure = "OnFailure";

    /// <summary>Never restart.</summary>
    public const string Never = "Never";
}
