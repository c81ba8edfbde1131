using Orchestrator.Actors.Store.Admission;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Registry;
using static Orchestrator.Actors.Tests.Store.Admission.TestPolicies;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>Scoped quotas (pure).</summary>
public sealed class QuotaScopesSpec
{
    private static readonly QuotaResources _resources = new(KindCatalog.Default);
    private static readonly ResourceType _podType = ResourceRegistry.Default.Get<Pod>();

    private static ResourceQuota Scoped(string name, params string[] scopes)
    {
        var quota = QuotaUsing(name, ["pods=1"], ["pods=1"]);
        quota.Spec.Scopes = [.. scopes];
        return quota;
    }

    [Theory]
    [InlineData("BestEffort", true, false)]
    [InlineData("NotBestEffort", false, true)]
    public void Best_effort_scopes_split_pods_by_whether_they_name_resources(string scope, bool bestEffortRefused, bool burstableRefused)
    {
        var quota = Scoped("q", scope);

        Assert.Equal(bestEffortRefused, QuotaRules.Check(_resources, Plain("a"), _podType, [quota]).Error is not null);
        Assert.Equal(burstableRefused, QuotaRules.Check(_resources, Pod("b", (["cpu=1"], null)), _podType, [quota]).Error is not null);
    }

    [Fact]
    public void Terminating_tracks_pods_with_an_active_deadline_and_priority_class_selects_by_name()
    {
        var terminating = Scoped("t", "Terminating");
        var deadline = Plain("job");
        deadline.Spec.ActiveDeadlineSeconds = 60;
        Assert.NotNull(QuotaRules.Check(_resources, deadline, _podType, [terminating]).Error);
        Assert.Null(QuotaRules.Check(_resources, Plain("web"), _podType, [terminating]).Error);

        var high = QuotaUsing("high", ["pods=1"], ["pods=1"]);
        high.Spec.ScopeSelector = new ScopeSelector { MatchExpressions = [new ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", Operator = "In", Values = ["high"] }] };
        var important = Plain("important");
        important.Spec.PriorityClassName = "high";
        Assert.NotNull(QuotaRules.Check(_resources, important, _podType, [high]).Error);
        Assert.Null(QuotaRules.Check(_resources, Plain("ordinary"), _podType, [high]).Error);
    }

    [Fact]
    public void A_scoped_quota_counts_only_the_pods_in_its_scope()
    {
        var quota = Quota("q", "pods=10");
        quota.Spec.Scopes = ["BestEffort"];
        var objects = new Dictionary<ResourceType, IReadOnlyList<IKubernetesObject>> { [_podType] = [Plain("a"), Plain("b"), Pod("c", (["cpu=1"], null))] };

        Assert.Equal("2", QuotaRules.Used(_resources, quota, objects)["pods"].ToString());
    }
}
