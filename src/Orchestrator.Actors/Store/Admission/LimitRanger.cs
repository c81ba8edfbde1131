using System.Globalization;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// LimitRange admission of a pod (pure): fills in each container's missing requests and limits from
/// the <c>Container</c> items' defaults, then checks min, max and maxLimitRequestRatio per container
/// and, for <c>Pod</c> items, over the pod's totals. Messages are worded as Kubernetes' LimitRanger.
/// </summary>
/// <remarks>
/// A Container item's effective defaults follow Kubernetes' LimitRange defaulting: a missing default
/// limit is the max, a missing default request is the default limit, else the min. A container that
/// names a limit but no request gets request = limit (Kubernetes' pod defaulting), before the ranges apply.
/// </remarks>
public static class LimitRanger
{
    /// <summary>LimitRangeItem.type for per-container limits.</summary>
    public const string ContainerType = "Container";

    /// <summary>LimitRangeItem.type for limits on a pod's totals.</summary>
    public const string PodType = "Pod";

    /// <summary>Defaults <paramref name="pod"/>'s containers in place and returns every violation (empty when admitted).</summary>
    public static IReadOnlyList<string> Admit(Pod pod, IEnumerable<LimitRange> ranges)
    {
        var items = ranges.SelectMany(r => r.Spec.Limits).ToList();
        foreach (var container in PodResources.AllContainers(pod))
        {
            RequestsFromLimits(container);
            foreach (var item in items.Where(i => i.Type == ContainerType)) ApplyDefaults(container, item);
        }

        var errors = new List<string>();
        foreach (var item in items)
        {
            if (item.Type == ContainerType)
            {
                foreach (var container in PodResources.AllContainers(pod))
                    Check(item, ContainerType, container.Resources?.Requests, container.Resources?.Limits, errors);
            }
            else if (item.Type == PodType)
            {
                Check(item, PodType, NonEmpty(PodResources.Requests(pod)), NonEmpty(PodResources.Limits(pod)), errors);
            }
        }

        return errors;
    }

    /// <summary>The default limits a Container item gives (its default, else its max).</summary>
    public static Dictionary<string, Quantity> DefaultLimits(LimitRangeItem item)
    {
        var limits = new Dictionary<string, Quantity>(item.Default ?? [], StringComparer.Ordinal);
        foreach (var (name, max) in item.Max ?? []) limits.TryAdd(name, max);
        return limits;
    }

    /// <summary>The default requests a Container item gives (its defaultRequest, else its default limit, else its min).</summary>
    public static Dictionary<string, Quantity> DefaultRequests(LimitRangeItem item)
    {
        var requests = new Dictionary<string, Quantity>(item.DefaultRequest ?? [], StringComparer.Ordinal);
        foreach (var (name, limit) in DefaultLimits(item)) requests.TryAdd(name, limit);
        foreach (var (name, min) in item.Min ?? []) requests.TryAdd(name, min);
        return requests;
    }

    private static void RequestsFromLimits(Container container)
    {
        if (container.Resources?.Limits is not { Count: > 0 } limits) return;
        var requests = container.Resources.Requests ??= [];
        foreach (var (name, limit) in limits) requests.TryAdd(name, limit);
    }

    private static void ApplyDefaults(Container container, LimitRangeItem item)
    {
        var defaultLimits = DefaultLimits(item);
        var defaultRequests = DefaultRequests(item);
        if (defaultLimits.Count == 0 && defaultRequests.Count == 0) return;
        var resources = container.Resources ??= new ResourceRequirements();
        foreach (var (name, limit) in defaultLimits) (resources.Limits ??= []).TryAdd(name, limit);
        foreach (var (name, request) in defaultRequests) (resources.Requests ??= []).TryAdd(name, request);
    }

    private static Dictionary<string, Quantity>? NonEmpty(Dictionary<string, Quantity> values) => values.Count == 0 ? null : values;

    private static void Check(LimitRangeItem item, string what, Dictionary<string, Quantity>? requests, Dictionary<string, Quantity>? limits, List<string> errors)
    {
        foreach (var (name, min) in Sorted(item.Min))
        {
            if (requests is null || !requests.TryGetValue(name, out var request))
                errors.Add($"minimum {name} usage per {what} is {min}, but no request is specified");
            else if (request < min)
                errors.Add($"minimum {name} usage per {what} is {min}, but request is {request}");
            if (limits is not null && limits.TryGetValue(name, out var limit) && limit < min)
                errors.Add($"minimum {name} usage per {what} is {min}, but limit is {limit}");
        }

        foreach (var (name, max) in Sorted(item.Max))
        {
            if (limits is null || !limits.TryGetValue(name, out var limit))
                errors.Add($"maximum {name} usage per {what} is {max}, but no limit is specified");
            else if (limit > max)
                errors.Add($"maximum {name} usage per {what} is {max}, but limit is {limit}");
            if (requests is not null && requests.TryGetValue(name, out var request) && request > max)
                errors.Add($"maximum {name} usage per {what} is {max}, but request is {request}");
        }

        foreach (var (name, ratio) in Sorted(item.MaxLimitRequestRatio))
        {
            var hasLimit = limits is not null && limits.TryGetValue(name, out _);
            var request = requests is not null && requests.TryGetValue(name, out var r) ? r : Quantity.Zero;
            if (!hasLimit)
                errors.Add($"{name} max limit to request ratio per {what} is {ratio}, but no limit is specified");
            else if (request.IsZero)
                errors.Add($"{name} max limit to request ratio per {what} is {ratio}, but no request is specified or request is 0");
            else
            {
                var actual = (double)limits![name].Nanos / (double)request.Nanos;
                if (actual > ratio.ToDouble())
                    errors.Add($"{name} max limit to request ratio per {what} is {ratio}, but provided ratio is {actual.ToString("F6", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, Quantity>> Sorted(Dictionary<string, Quantity>? values) =>
        (values ?? []).OrderBy(p => p.Key, StringComparer.Ordinal);
}
