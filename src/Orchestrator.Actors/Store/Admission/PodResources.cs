using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// What a pod asks for as a whole, the way quota and LimitRange read it: per resource, the larger of
/// the sum over its containers and the largest single init container (init containers run one at a
/// time, before the others), plus the pod's overhead.
/// </summary>
public static class PodResources
{
    /// <summary>The pod's effective requests.</summary>
    public static Dictionary<string, Quantity> Requests(Pod pod) => Effective(pod, r => r?.Requests);

    /// <summary>The pod's effective limits.</summary>
    public static Dictionary<string, Quantity> Limits(Pod pod) => Effective(pod, r => r?.Limits);

    /// <summary>True when the pod has ended (Succeeded or Failed): it no longer holds quota.</summary>
    public static bool IsTerminal(Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>Every container of the pod, init containers first.</summary>
    public static IEnumerable<Container> AllContainers(Pod pod) => (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers);

    private static Dictionary<string, Quantity> Effective(Pod pod, Func<ResourceRequirements?, Dictionary<string, Quantity>?> pick)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var container in pod.Spec.Containers)
        {
            foreach (var (name, amount) in pick(container.Resources) ?? [])
                total[name] = total.GetValueOrDefault(name) + amount;
        }

        foreach (var container in pod.Spec.InitContainers ?? [])
        {
            foreach (var (name, amount) in pick(container.Resources) ?? [])
            {
                if (!total.TryGetValue(name, out var current) || amount > current) total[name] = amount;
            }
        }

        foreach (var (name, amount) in pod.Spec.Overhead ?? [])
            total[name] = total.GetValueOrDefault(name) + amount;
        return total;
    }
}
