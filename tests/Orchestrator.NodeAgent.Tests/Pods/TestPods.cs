using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Tests.Docker;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>Builders for the pods the worker tests run, so each test states only what it is about.</summary>
public static class TestPods
{
    /// <summary>A pod with a fresh uid and the given app containers.</summary>
    public static Pod With(string name, params Container[] containers) => new()
    {
        Metadata = new() { Name = name, Namespace = "test", Uid = Guid.NewGuid().ToString("N") },
        Spec = new PodSpec { Containers = [.. containers], TerminationGracePeriodSeconds = 5 },
    };

    /// <summary>A busybox container running a shell script.</summary>
    public static Container Shell(string name, string script) => new()
    {
        Name = name,
        Image = DockerFixture.BusyboxImage,
        Command = ["sh", "-c", script],
    };

    /// <summary>A busybox container that idles and exits at once on SIGTERM.</summary>
    public static Container Idle(string name) => Shell(name, "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done");

    /// <summary>An exec probe checking every second, failing after one failure.</summary>
    public static Probe ExecProbe(params string[] command) => new()
    {
        Exec = new ExecAction { Command = [.. command] },
        PeriodSeconds = 1,
        FailureThreshold = 1,
        TimeoutSeconds = 5,
    };

    /// <summary>Sets the restart policy.</summary>
    public static Pod WithRestartPolicy(this Pod pod, string policy)
    {
        pod.Spec.RestartPolicy = policy;
        return pod;
    }

    /// <summary>Adds init containers.</summary>
    public static Pod WithInit(this Pod pod, params Container[] init)
    {
        pod.Spec.InitContainers = [.. init];
        return pod;
    }

    /// <summary>Adds volumes.</summary>
    public static Pod WithVolumes(this Pod pod, params Volume[] volumes)
    {
        pod.Spec.Volumes = [.. volumes];
        return pod;
    }

    /// <summary>Mounts a volume into the container.</summary>
    public static Container Mounting(this Container container, string volume, string path)
    {
        container.VolumeMounts = [.. container.VolumeMounts ?? [], new VolumeMount { Name = volume, MountPath = path }];
        return container;
    }

    /// <summary>The named container's status, or null.</summary>
    public static ContainerStatus? Container(this PodStatus status, string name) =>
        status.ContainerStatuses?.Concat(status.InitContainerStatuses ?? []).FirstOrDefault(c => c.Name == name);

    /// <summary>The status of a condition type, or null.</summary>
    public static string? ConditionStatus(this PodStatus status, string type) =>
        status.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;

    /// <summary>The container id without the <c>docker://</c> prefix.</summary>
    public static string DockerId(this ContainerStatus status) => status.ContainerID!["docker://".Length..];
}
