using Orchestrator.Actors.Store.Admission;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Registry;
using static Orchestrator.Actors.Tests.Store.Admission.TestPolicies;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>ResourceQuota checks and use (pure).</summary>
public sealed class QuotaRulesSpec
{
    private static readonly QuotaResources _resources = new(KindCatalog.Default);
    private static readonly ResourceType _podType = ResourceRegistry.Default.Get<Pod>();
    private static readonly ResourceType _configMapType = ResourceRegistry.Default.Get<ConfigMap>();

    [Fact]
    public void A_pod_beyond_the_pod_count_is_refused_in_kubernetes_words()
    {
        var quota = QuotaUsing("q", ["pods=2"], ["pods=2"]);

        var decision = QuotaRules.Check(_resources, Plain("web"), _podType, [quota]);

        Assert.Equal("exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2", decision.Error);
    }

    [Fact]
    public void A_pod_that_fits_charges_every_quota_that_tracks_it()
    {
        var compute = QuotaUsing("compute", ["requests.cpu=2", "limits.memory=1Gi"], ["requests.cpu=1500m", "limits.memory=0"]);
        var count = QuotaUsing("count", ["pods=10", "configmaps=5"], ["pods=3", "configmaps=5"]);

        var decision = QuotaRules.Check(_resources, Pod("web", (["cpu=500m", "memory=128Mi"], ["cpu=1", "memory=256Mi"])), _podType, [compute, count]);

        Assert.Null(decision.Error);
        Assert.Equal(2, decision.Charges.Count);
        Assert.Equal("2", decision.Charges[0].Used["requests.cpu"].ToString());
        Assert.Equal("256Mi", decision.Charges[0].Used["limits.memory"].ToString());
        Assert.Equal("4", decision.Charges[1].Used["pods"].ToString());
        Assert.Equal("5", decision.Charges[1].Used["configmaps"].ToString());
    }

    [Fact]
    public void Only_the_exceeded_resources_are_named()
    {
        var quota = QuotaUsing("compute", ["pods=10", "requests.cpu=1"], ["pods=1", "requests.cpu=800m"]);

        var decision = QuotaRules.Check(_resources, Pod("web", (["cpu=500m", "memory=1Gi"], ["cpu=500m", "memory=1Gi"])), _podType, [quota]);

        Assert.Equal("exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=800m, limited: requests.cpu=1", decision.Error);
    }

    [Fact]
    public void A_quota_on_cpu_limits_requires_every_container_to_name_one()
    {
        var quota = QuotaUsing("compute", ["limits.cpu=4", "requests.memory=1Gi"], ["limits.cpu=0", "requests.memory=0"]);

        var decision = QuotaRules.Check(_resources, Pod("web", (["cpu=1"], ["cpu=1"]), (null, null)), _podType, [quota]);

        Assert.Equal("failed quota: compute: must specify limits.cpu,requests.memory", decision.Error);
    }

    [Fact]
    public void Object_counts_apply_to_their_kind_only()
    {
        var quota = QuotaUsing("objects", ["count/configmaps=1"], ["count/configmaps=1"]);
        var map = new ConfigMap { Metadata = new ObjectMeta { Name = "m", Namespace = "default" } };

        Assert.Null(QuotaRules.Check(_resources, Plain("web"), _podType, [quota]).Error);
        Assert.StartsWith("exceeded quota: objects, requested: count/configmaps=1", QuotaRules.Check(_resources, map, _configMapType, [quota]).Error);
    }

    [Theory]
    [InlineData("count/deployments.apps", "Deployment")]
    [InlineData("count/jobs.batch", "Job")]
    [InlineData("count/pods", "Pod")]
    [InlineData("secrets", "Secret")]
    [InlineData("limits.cpu", "Pod")]
    [InlineData("memory", "Pod")]
    [InlineData("count/widgets.example.com", null)]
    [InlineData("services.loadbalancers", null)]
    public void Resource_names_map_to_the_kind_they_count(string resource, string? kind) =>
        Assert.Equal(kind, _resources.KindOf(resource)?.Kind);

    [Fact]
    public void Use_is_recomputed_from_the_objects_that_exist_and_ended_pods_do_not_count()
    {
        var quota = Quota("q", "pods=10", "requests.cpu=10", "count/configmaps=3");
        var ended = Pod("done", (["cpu=1"], null));
        ended.Status = new PodStatus { Phase = "Succeeded" };
        var objects = new Dictionary<ResourceType, IReadOnlyList<IKubernetesObject>>
        {
            [_podType] = [Pod("a", (["cpu=1"], null)), Pod("b", (["cpu=500m"], null), (["cpu=250m"], null)), ended],
        };

        var used = QuotaRules.Used(_resources, quota, objects);

        Assert.Equal("2", used["pods"].ToString());
        Assert.Equal("1750m", used["requests.cpu"].ToString());
        Assert.Equal("0", used["count/configmaps"].ToString());
    }
}
