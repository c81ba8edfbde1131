using Orchestrator.Model;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// Which objects a scoped ResourceQuota tracks (pure). Scopes (spec.scopes and the expressions of
/// spec.scopeSelector, all ANDed) apply to pods: <c>BestEffort</c> (no container names a request or limit),
/// <c>NotBestEffort</c>, <c>Terminating</c> (activeDeadlineSeconds set), <c>NotTerminating</c>, and
/// <c>PriorityClass</c> (spec.priorityClassName, with In / NotIn / Exists / DoesNotExist). A quota with a
/// scope tracks no other kind. Unknown scope names match nothing, so such a quota limits nothing.
/// </summary>
public static class QuotaScopes
{
    /// <summary>True when <paramref name="quota"/> tracks <paramref name="obj"/>.</summary>
    public static bool Tracks(ResourceQuota quota, IKubernetesObject obj)
    {
        var scopes = quota.Spec.Scopes ?? [];
        var expressions = quota.Spec.ScopeSelector?.MatchExpressions ?? [];
        if (scopes.Count == 0 && expressions.Count == 0) return true;
        if (obj is not Pod pod) return false;
        return scopes.All(s => Matches(s, pod)) && expressions.All(e => Matches(e, pod));
    }

    private static bool Matches(string scope, Pod pod) => scope switch
    {
        "BestEffort" => IsBestEffort(pod),
        "NotBestEffort" => !IsBestEffort(pod),
        "Terminating" => pod.Spec.ActiveDeadlineSeconds is not null,
        "NotTerminating" => pod.Spec.ActiveDeadlineSeconds is null,
        _ => false,
    };

    private static bool Matches(ScopedResourceSelectorRequirement requirement, Pod pod)
    {
        if (requirement.ScopeName != "PriorityClass")
        {
            var holds = Matches(requirement.ScopeName, pod);
            return requirement.Operator switch { "Exists" => holds, "DoesNotExist" => !holds, _ => false };
        }

        var priorityClass = pod.Spec.PriorityClassName;
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => priorityClass is not null && values.Contains(priorityClass),
            "NotIn" => priorityClass is null || !values.Contains(priorityClass),
            "Exists" => priorityClass is not null,
            "DoesNotExist" => priorityClass is null,
            _ => false,
        };
    }

    private static bool IsBestEffort(Pod pod) =>
        PodResources.AllContainers(pod).All(c => c.Resources?.Requests is not { Count: > 0 } && c.Resources?.Limits is not { Count: > 0 });
}
