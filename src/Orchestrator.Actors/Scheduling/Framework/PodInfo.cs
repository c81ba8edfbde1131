using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// A pod with everything the plugins need computed once: requests, host ports, compiled
/// (anti-)affinity terms, tolerations, priority. Built when the pod enters the queue or the cache,
/// so a scheduling cycle does no parsing. The pod itself is shared and read-only.
/// </summary>
public sealed class PodInfo
{
    private static readonly IReadOnlyDictionary<string, string> _noLabels = new Dictionary<string, string>();

    private PodInfo(Pod pod)
    {
        Pod = pod;
        Namespace = pod.Metadata.Namespace is { Length: > 0 } ns ? ns : "default";
        Name = pod.Metadata.Name ?? "";
        Key = Namespace + "/" + Name;
        Labels = pod.Metadata.Labels ?? _noLabels;
        Requests = PodRequests.Of(pod.Spec);
        NonZeroRequests = PodRequests.NonZeroOf(pod.Spec);
        Tolerations = pod.Spec.Tolerations?.ToArray() ?? [];
        HostPorts = HostPortsOf(pod.Spec);
    }

    /// <summary>The pod (shared, read-only).</summary>
    public Pod Pod { get; }

    /// <summary>namespace/name.</summary>
    public string Key { get; }

    /// <summary>The pod's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The pod's name.</summary>
    public string Name { get; }

    /// <summary>The pod's labels (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>What the pod requests (see <see cref="PodRequests"/>).</summary>
    public ResourceList Requests { get; }

    /// <summary>Requests with kube-scheduler's defaults for containers that request no cpu or memory; scores use these.</summary>
    public ResourceList NonZeroRequests { get; }

    /// <summary>The host ports its containers take.</summary>
    public HostPort[] HostPorts { get; }

    /// <summary>spec.tolerations.</summary>
    public Toleration[] Tolerations { get; }

    /// <summary>spec.priority (0 when unset).</summary>
    public int Priority => Pod.Spec.Priority ?? 0;

    /// <summary>Required pod affinity terms.</summary>
    public AffinityTerm[] RequiredAffinity { get; private set; } = [];

    /// <summary>Required pod anti-affinity terms.</summary>
    public AffinityTerm[] RequiredAntiAffinity { get; private set; } = [];

    /// <summary>Preferred pod affinity terms (with weights).</summary>
    public AffinityTerm[] PreferredAffinity { get; private set; } = [];

    /// <summary>Preferred pod anti-affinity terms (with weights).</summary>
    public AffinityTerm[] PreferredAntiAffinity { get; private set; } = [];

    /// <summary>True when the pod has any pod (anti-)affinity term.</summary>
    public bool HasAffinity => RequiredAffinity.Length + RequiredAntiAffinity.Length + PreferredAffinity.Length + PreferredAntiAffinity.Length > 0;

    /// <summary>Why the pod cannot be scheduled at all (an invalid selector), or null.</summary>
    public string? Invalid { get; private set; }

    /// <summary>True when the pod is being deleted.</summary>
    public bool Terminating => Pod.Metadata.DeletionTimestamp is not null;

    /// <summary>Computes the pod's facts.</summary>
    public static PodInfo Of(Pod pod)
    {
        var info = new PodInfo(pod);
        var affinity = pod.Spec.Affinity;
        if (affinity?.PodAffinity is null && affinity?.PodAntiAffinity is null) return info;
        try
        {
            info.RequiredAffinity = Required(affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, info);
            info.RequiredAntiAffinity = Required(affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, info);
            info.PreferredAffinity = Preferred(affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, info);
            info.PreferredAntiAffinity = Preferred(affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, info);
        }
        catch (ArgumentException e)
        {
            info.Invalid = $"invalid pod affinity of pod {info.Key}: {e.Message}";
        }

        return info;
    }

    private static AffinityTerm[] Required(List<PodAffinityTerm>? terms, PodInfo owner) =>
        terms is null ? [] : terms.Select(t => AffinityTerm.Compile(t, owner.Namespace, owner.Labels)).ToArray();

    private static AffinityTerm[] Preferred(List<WeightedPodAffinityTerm>? terms, PodInfo owner) =>
        terms is null ? [] : terms.Select(t => AffinityTerm.Compile(t.PodAffinityTerm, owner.Namespace, owner.Labels, t.Weight)).ToArray();

    private static HostPort[] HostPortsOf(PodSpec spec)
    {
        List<HostPort>? ports = null;
        foreach (var container in spec.Containers)
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is not > 0) continue;
                var ip = string.IsNullOrEmpty(port.HostIP) ? HostPort.AnyIp : port.HostIP;
                (ports ??= []).Add(new HostPort(ip, port.Protocol is { Length: > 0 } p ? p : "TCP", port.HostPort.Value));
            }
        }

        return ports?.ToArray() ?? [];
    }
}
