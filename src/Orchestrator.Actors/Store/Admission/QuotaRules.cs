using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>A quota whose status.used grows by an admitted object: the quota as read, and its new use.</summary>
/// <param name="Quota">The quota (its resourceVersion is the precondition of the status write).</param>
/// <param name="Used">status.used after the charge.</param>
public sealed record QuotaCharge(ResourceQuota Quota, Dictionary<string, Quantity> Used);

/// <summary>The outcome of checking one new object against a namespace's quotas.</summary>
/// <param name="Error">Why the object is refused (Kubernetes' wording), or null when admitted.</param>
/// <param name="Charges">The quotas whose use grows; empty when none tracks the object.</param>
public sealed record QuotaDecision(string? Error, IReadOnlyList<QuotaCharge> Charges);

/// <summary>
/// ResourceQuota decisions (pure): whether a new object fits every quota of its namespace, and a
/// quota's use recomputed from the objects that exist.
/// </summary>
public static class QuotaRules
{
    /// <summary>
    /// Checks <paramref name="obj"/> against <paramref name="quotas"/> in name order; the first quota it
    /// does not fit refuses it. Each quota's status.used must be current (see <see cref="Used"/>).
    /// </summary>
    public static QuotaDecision Check(QuotaResources resources, IKubernetesObject obj, ResourceType type, IEnumerable<ResourceQuota> quotas)
    {
        var charges = new List<QuotaCharge>();
        foreach (var quota in quotas.OrderBy(q => q.Metadata.Name, StringComparer.Ordinal))
        {
            if (!QuotaScopes.Tracks(quota, obj)) continue;
            var hard = quota.Spec.Hard ?? [];
            var requested = new Dictionary<string, Quantity>(StringComparer.Ordinal);
            foreach (var resource in hard.Keys)
            {
                if (resources.Usage(obj, type, resource) is { } amount) requested[resource] = amount;
            }

            if (requested.Count == 0) continue;
            var name = quota.Metadata.Name;
            if (obj is Pod pod && QuotaResources.MissingSpecifications(pod, requested.Keys) is { Count: > 0 } missing)
                return new QuotaDecision($"failed quota: {name}: must specify {string.Join(",", missing)}", []);

            var used = quota.Status?.Used ?? [];
            var exceeded = requested
                .Where(r => r.Value.Sign > 0 && used.GetValueOrDefault(r.Key) + r.Value > hard[r.Key])
                .Select(r => r.Key)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (exceeded.Count > 0)
            {
                return new QuotaDecision(
                    $"exceeded quota: {name}, requested: {Format(exceeded, requested)}, used: {Format(exceeded, used)}, limited: {Format(exceeded, hard)}", []);
            }

            var after = new Dictionary<string, Quantity>(used, StringComparer.Ordinal);
            foreach (var (resource, amount) in requested) after[resource] = after.GetValueOrDefault(resource) + amount;
            charges.Add(new QuotaCharge(quota, after));
        }

        return new QuotaDecision(null, charges);
    }

    /// <summary>The kinds whose objects <paramref name="quota"/> counts.</summary>
    public static IEnumerable<ResourceType> CountedKinds(QuotaResources resources, ResourceQuota quota) =>
        (quota.Spec.Hard ?? []).Keys.Select(resources.KindOf).OfType<ResourceType>().Distinct();

    /// <summary>status.used of <paramref name="quota"/> from every object that exists: one entry (possibly 0) per hard limit.</summary>
    public static Dictionary<string, Quantity> Used(QuotaResources resources, ResourceQuota quota, IReadOnlyDictionary<ResourceType, IReadOnlyList<IKubernetesObject>> objects)
    {
        var used = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var resource in (quota.Spec.Hard ?? []).Keys)
        {
            var total = Quantity.Zero;
            if (resources.KindOf(resource) is { } type && objects.TryGetValue(type, out var items))
            {
                foreach (var item in items.Where(i => QuotaScopes.Tracks(quota, i))) total += resources.Usage(item, type, resource) ?? Quantity.Zero;
            }

            used[resource] = total;
        }

        return used;
    }

    /// <summary>True when status already says <paramref name="used"/> under the current hard limits.</summary>
    public static bool StatusIsCurrent(ResourceQuota quota, IReadOnlyDictionary<string, Quantity> used) =>
        quota.Status is { Hard: { } hard, Used: { } stored }
        && SameAmounts(hard, quota.Spec.Hard ?? [])
        && SameAmounts(stored, used);

    private static bool SameAmounts(IReadOnlyDictionary<string, Quantity> a, IReadOnlyDictionary<string, Quantity> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other == p.Value);

    private static string Format(IEnumerable<string> names, IReadOnlyDictionary<string, Quantity> amounts) =>
        string.Join(",", names.Select(n => $"{n}={amounts.GetValueOrDefault(n)}"));
}
