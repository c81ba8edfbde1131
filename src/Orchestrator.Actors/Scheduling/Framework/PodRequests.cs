using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// What a pod asks of a node, computed as kube-scheduler does: the sum of its containers' requests
/// plus its restartable init containers (sidecars, which keep running), or the largest need of any
/// single init container phase if that is more, plus <c>spec.overhead</c>. A resource with a limit
/// but no request counts its limit, as the apiserver's defaulting would have set it.
/// </summary>
public static class PodRequests
{
    /// <summary>cpu counted for scoring when a container requests none (millicores), as kube-scheduler.</summary>
    public const long DefaultMilliCpu = 100;

    /// <summary>memory counted for scoring when a container requests none (bytes, 200Mi), as kube-scheduler.</summary>
    public const long DefaultMemoryBytes = 200L * 1024 * 1024;

    /// <summary>The pod's requests.</summary>
    public static ResourceList Of(PodSpec spec) => Compute(spec, nonZero: false);

    /// <summary>The pod's cpu and memory requests with a container's missing cpu or memory counted as the defaults above (used by scores only).</summary>
    public static ResourceList NonZeroOf(PodSpec spec) => Compute(spec, nonZero: true);

    private static ResourceList Compute(PodSpec spec, bool nonZero)
    {
        var total = new ResourceList();
        foreach (var container in spec.Containers) total.Add(OfContainer(container, nonZero));

        var sidecars = new ResourceList();
        var initPeak = new ResourceList();
        foreach (var init in spec.InitContainers ?? [])
        {
            var own = OfContainer(init, nonZero);
            ResourceList phase;
            if (init.RestartPolicy == "Always")
            {
                sidecars.Add(own);
                phase = sidecars.Clone();
            }
            else
            {
                own.Add(sidecars);
                phase = own;
            }

            initPeak.Max(phase);
        }

        total.Add(sidecars);
        total.Max(initPeak);
        if (spec.Overhead is { } overhead) total.Add(ResourceList.From(overhead));
        return total;
    }

    private static ResourceList OfContainer(Container container, bool nonZero)
    {
        var list = new ResourceList();
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        if (requests is not null)
        {
            foreach (var (name, quantity) in requests) list.Add(name, ResourceList.AmountOf(name, quantity));
        }

        if (limits is not null)
        {
            foreach (var (name, quantity) in limits)
            {
                if (requests is null || !requests.ContainsKey(name)) list.Add(name, ResourceList.AmountOf(name, quantity));
            }
        }

        if (nonZero)
        {
            if (!Has(requests, limits, ResourceList.Cpu)) list.MilliCpu = DefaultMilliCpu;
            if (!Has(requests, limits, ResourceList.Memory)) list.MemoryBytes = DefaultMemoryBytes;
        }

        return list;
    }

    private static bool Has(Dictionary<string, Quantity>? requests, Dictionary<string, Quantity>? limits, string name) =>
        (requests is not null && requests.ContainsKey(name)) || (limits is not null && limits.ContainsKey(name));
}
