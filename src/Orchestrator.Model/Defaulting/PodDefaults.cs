using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Defaulting;

/// <summary>
/// The apiserver's defaults for a pod spec (also inside every workload's template), so stored objects
/// read back the way Kubernetes returns them and controllers, the scheduler and the node agent find the
/// same values whether the user wrote them or not. Only unset fields are filled.
/// </summary>
public static class PodDefaults
{
    /// <summary>Grace period when the spec names none.</summary>
    public const long TerminationGracePeriodSeconds = 30;

    /// <summary>Mode of projected ConfigMap and Secret files when the volume names none (0644).</summary>
    public const int VolumeFileMode = 420;

    /// <summary>Fills the unset fields of <paramref name="spec"/>.</summary>
    public static void Apply(PodSpec spec)
    {
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= TerminationGracePeriodSeconds;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.SecurityContext ??= new PodSecurityContext();
        spec.EnableServiceLinks ??= true;
        spec.PreemptionPolicy ??= "PreemptLowerPriority";
        spec.Priority ??= 0;
        foreach (var container in spec.InitContainers ?? []) Apply(container);
        foreach (var container in spec.Containers) Apply(container);
        foreach (var volume in spec.Volumes ?? []) Apply(volume);
    }

    /// <summary>The pull policy Kubernetes picks for <paramref name="image"/>: Always for <c>:latest</c> or no tag, else IfNotPresent.</summary>
    public static string ImagePullPolicyFor(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? null : image[(colon + 1)..];
        return tag is null or "latest" ? "Always" : "IfNotPresent";
    }

    private static void Apply(Container container)
    {
        container.TerminationMessagePath ??= "/dev/termination-log";
        container.TerminationMessagePolicy ??= "File";
        container.ImagePullPolicy ??= ImagePullPolicyFor(container.Image);
        foreach (var port in container.Ports ?? []) port.Protocol ??= "TCP";
        Apply(container.LivenessProbe);
        Apply(container.ReadinessProbe);
        Apply(container.StartupProbe);
        if (container.Lifecycle?.PostStart?.HttpGet is { } postStart) Apply(postStart);
        if (container.Lifecycle?.PreStop?.HttpGet is { } preStop) Apply(preStop);
    }

    private static void Apply(Probe? probe)
    {
        if (probe is null) return;
        probe.TimeoutSeconds ??= 1;
        probe.PeriodSeconds ??= 10;
        probe.SuccessThreshold ??= 1;
        probe.FailureThreshold ??= 3;
        if (probe.HttpGet is { } httpGet) Apply(httpGet);
    }

    private static void Apply(HttpGetAction httpGet)
    {
        httpGet.Path ??= "/";
        httpGet.Scheme ??= "HTTP";
    }

    private static void Apply(Volume volume)
    {
        if (volume.ConfigMap is { } configMap) configMap.DefaultMode ??= VolumeFileMode;
        if (volume.Secret is { } secret) secret.DefaultMode ??= VolumeFileMode;
    }
}
