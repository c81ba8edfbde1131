using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class PodTopologySpreadSpec
{
    private const string Zone = "topology.kubernetes.io/zone";
    private readonly PodTopologySpread _plugin = new();

    private static Pod Spread(string name, string when = "DoNotSchedule", int maxSkew = 1, int? minDomains = null)
    {
        var pod = TestPods.Pod(name, labels: TestPods.Labels("app=web"));
        pod.Spec.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = maxSkew,
                TopologyKey = Zone,
                WhenUnsatisfiable = when,
                MinDomains = minDomains,
                LabelSelector = new LabelSelector { MatchLabels = TestPods.Labels("app=web") },
            },
        ];
        return pod;
    }

    private static TestCluster TwoZones() =>
        new TestCluster().With(TestNodes.InZone("a1", "a"), TestNodes.InZone("a2", "a"), TestNodes.InZone("b1", "b"))
            .Place(TestPods.Pod("web-0", labels: TestPods.Labels("app=web")), "a1");

    [Fact]
    public void A_zone_one_pod_ahead_is_rejected_at_max_skew_one()
    {
        var cluster = TwoZones();
        Assert.Equal([PodTopologySpread.ReasonConstraintsNotMatch], cluster.Filter(_plugin, Spread("web-1"), "a2").Reasons);
        Assert.True(cluster.Filter(_plugin, Spread("web-1"), "b1").IsSuccess);
    }

    [Fact]
    public void A_larger_max_skew_allows_the_crowded_zone() =>
        Assert.True(TwoZones().Filter(_plugin, Spread("web-1", maxSkew: 2), "a2").IsSuccess);

    [Fact]
    public void Pods_not_matching_the_selector_do_not_count()
    {
        var cluster = new TestCluster().With(TestNodes.InZone("a1", "a"), TestNodes.InZone("b1", "b")).Place(TestPods.Pod("db", labels: TestPods.Labels("app=db")), "a1");
        Assert.True(cluster.Filter(_plugin, Spread("web-1"), "a1").IsSuccess);
    }

    [Fact]
    public void A_node_without_the_topology_key_is_rejected_as_missing_the_label()
    {
        var cluster = TwoZones().With(TestNodes.Node("nozone"));
        Assert.Equal([PodTopologySpread.ReasonMissingLabel], cluster.Filter(_plugin, Spread("web-1"), "nozone").Reasons);
    }

    [Fact]
    public void Fewer_domains_than_min_domains_count_the_global_minimum_as_zero()
    {
        var cluster = new TestCluster().With(TestNodes.InZone("a1", "a"), TestNodes.InZone("a2", "a")).Place(TestPods.Pod("web-0", labels: TestPods.Labels("app=web")), "a1");
        // One domain is its own minimum, so any count fits...
        Assert.True(cluster.Filter(_plugin, Spread("web-1"), "a2").IsSuccess);
        // ...unless two domains are required: then the minimum is 0 and 1 + 1 exceeds maxSkew 1.
        Assert.False(cluster.Filter(_plugin, Spread("web-1", maxSkew: 1, minDomains: 2), "a2").IsSuccess);
        Assert.True(cluster.Filter(_plugin, Spread("web-1", maxSkew: 2, minDomains: 2), "a2").IsSuccess);
    }

    [Fact]
    public void ScheduleAnyway_does_not_filter_but_scores_the_emptier_zone_higher()
    {
        var cluster = TwoZones();
        var pod = Spread("web-1", when: "ScheduleAnyway");
        Assert.True(cluster.Filter(_plugin, pod, "a2").IsSuccess);
        var scores = cluster.Scores(_plugin, pod, "a2", "b1");
        Assert.True(scores[1] > scores[0], $"zone b ({scores[1]}) should beat zone a ({scores[0]})");
    }
}
