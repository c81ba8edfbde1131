using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// The resource names a ResourceQuota can limit and what each object uses of them (pure).
/// Tracked: <c>pods</c>; compute on pods — <c>requests.X</c>, <c>limits.X</c> and bare <c>cpu</c>,
/// <c>memory</c>, <c>ephemeral-storage</c> (= requests); object counts <c>count/&lt;plural&gt;</c> (core)
/// and <c>count/&lt;plural&gt;.&lt;group&gt;</c> for every kind of the catalog, and the legacy counts
/// <c>services</c>, <c>configmaps</c>, <c>secrets</c>, <c>persistentvolumeclaims</c>,
/// <c>resourcequotas</c>, <c>replicationcontrollers</c>. Any other name is not tracked (never exceeded).
/// A pod that has ended (Succeeded or Failed) uses nothing.
/// </summary>
public sealed class QuotaResources(KindCatalog catalog)
{
    private const string RequestsPrefix = "requests.";
    private const string LimitsPrefix = "limits.";
    private const string CountPrefix = "count/";
    private static readonly string[] _bareCompute = ["cpu", "memory", "ephemeral-storage"];
    private static readonly string[] _legacyCounts = ["services", "configmaps", "secrets", "persistentvolumeclaims", "resourcequotas", "replicationcontrollers"];

    /// <summary>Compute resources whose request or limit every container must name when a quota limits them.</summary>
    private static readonly string[] _mustSpecify = ["cpu", "memory"];

    private readonly ResourceType _podType = catalog.Registry.Get<Pod>();

    /// <summary>The kind whose objects use <paramref name="resource"/>, or null when the name is not tracked.</summary>
    public ResourceType? KindOf(string resource)
    {
        if (resource == "pods" || IsCompute(resource)) return _podType;
        if (_legacyCounts.Contains(resource)) return ByPlural(resource, "");
        if (!resource.StartsWith(CountPrefix, StringComparison.Ordinal)) return null;
        var name = resource[CountPrefix.Length..];
        var dot = name.IndexOf('.');
        return dot < 0 ? ByPlural(name, "") : ByPlural(name[..dot], name[(dot + 1)..]);
    }

    /// <summary>How much of <paramref name="resource"/> <paramref name="obj"/> (of kind <paramref name="type"/>) uses; null when it is not of the counted kind.</summary>
    public Quantity? Usage(IKubernetesObject obj, ResourceType type, string resource)
    {
        if (KindOf(resource) is not { } counted || counted.Kind != type.Kind || counted.Group != type.Group) return null;
        if (obj is not Pod pod) return Quantity.FromValue(1);
        if (PodResources.IsTerminal(pod)) return Quantity.Zero;
        if (resource is "pods" or "count/pods") return Quantity.FromValue(1);
        if (resource.StartsWith(LimitsPrefix, StringComparison.Ordinal))
            return PodResources.Limits(pod).GetValueOrDefault(resource[LimitsPrefix.Length..]);
        var requested = resource.StartsWith(RequestsPrefix, StringComparison.Ordinal) ? resource[RequestsPrefix.Length..] : resource;
        return PodResources.Requests(pod).GetValueOrDefault(requested);
    }

    /// <summary>The quota resources among <paramref name="hard"/> that <paramref name="pod"/> fails to name for some container, e.g. <c>limits.cpu</c>.</summary>
    public static IReadOnlyList<string> MissingSpecifications(Pod pod, IEnumerable<string> hard)
    {
        var missing = new List<string>();
        foreach (var resource in hard.Order(StringComparer.Ordinal))
        {
            var (limits, name) = resource.StartsWith(LimitsPrefix, StringComparison.Ordinal) ? (true, resource[LimitsPrefix.Length..])
                : resource.StartsWith(RequestsPrefix, StringComparison.Ordinal) ? (false, resource[RequestsPrefix.Length..])
                : (false, resource);
            if (!_mustSpecify.Contains(name)) continue;
            var unnamed = PodResources.AllContainers(pod).Any(c =>
                (limits ? c.Resources?.Limits : c.Resources?.Requests) is not { } values || !values.ContainsKey(name));
            if (unnamed) missing.Add(resource);
        }

        return missing;
    }

    private static bool IsCompute(string resource) =>
        _bareCompute.Contains(resource)
        || (resource.StartsWith(RequestsPrefix, StringComparison.Ordinal) && resource.Length > RequestsPrefix.Length)
        || (resource.StartsWith(LimitsPrefix, StringComparison.Ordinal) && resource.Length > LimitsPrefix.Length);

    private ResourceType? ByPlural(string plural, string group) =>
        catalog.All.FirstOrDefault(t => t.Namespaced && t.Plural == plural && t.Group == group);
}
