using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class InterPodAffinitySpec
{
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Host = "kubernetes.io/hostname";
    private readonly InterPodAffinity _plugin = new();

    private static TestCluster ThreeNodesTwoZones() =>
        new TestCluster().With(TestNodes.InZone("a1", "a"), TestNodes.InZone("a2", "a"), TestNodes.InZone("b1", "b"));

    private static Pod WithAffinity(string name, Dictionary<string, string>? labels = null, PodAffinityTerm? affinity = null, PodAffinityTerm? antiAffinity = null)
    {
        var pod = TestPods.Pod(name, labels: labels);
        pod.Spec.Affinity = new Affinity
        {
            PodAffinity = affinity is null ? null : new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [affinity] },
            PodAntiAffinity = antiAffinity is null ? null : new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [antiAffinity] },
        };
        return pod;
    }

    [Fact]
    public void Required_affinity_needs_a_matching_pod_in_the_nodes_zone()
    {
        var cluster = ThreeNodesTwoZones().Place(TestPods.Pod("cache", labels: TestPods.Labels("app=cache")), "a1");
        var pod = WithAffinity("web", affinity: TestPods.Term(Zone, "app=cache"));
        Assert.True(cluster.Filter(_plugin, pod, "a2").IsSuccess);
        Assert.Equal([InterPodAffinity.ReasonAffinity], cluster.Filter(_plugin, pod, "b1").Reasons);
    }

    [Fact]
    public void The_first_pod_of_a_self_affine_group_may_go_anywhere()
    {
        var pod = WithAffinity("web-0", TestPods.Labels("app=web"), affinity: TestPods.Term(Zone, "app=web"));
        Assert.True(ThreeNodesTwoZones().Filter(_plugin, pod, "b1").IsSuccess);
    }

    [Fact]
    public void A_pod_not_matching_its_own_affinity_waits_for_a_match()
    {
        var pod = WithAffinity("web", TestPods.Labels("app=web"), affinity: TestPods.Term(Zone, "app=cache"));
        Assert.False(ThreeNodesTwoZones().Filter(_plugin, pod, "b1").IsSuccess);
    }

    [Fact]
    public void Required_anti_affinity_keeps_replicas_off_a_host_with_one()
    {
        var cluster = ThreeNodesTwoZones().Place(TestPods.Pod("web-0", labels: TestPods.Labels("app=web")), "a1");
        var pod = WithAffinity("web-1", TestPods.Labels("app=web"), antiAffinity: TestPods.Term(Host, "app=web"));
        Assert.Equal([InterPodAffinity.ReasonAntiAffinity], cluster.Filter(_plugin, pod, "a1").Reasons);
        Assert.True(cluster.Filter(_plugin, pod, "a2").IsSuccess);
    }

    [Fact]
    public void An_existing_pods_anti_affinity_rejects_the_incoming_pod_in_its_zone()
    {
        var loner = WithAffinity("loner", antiAffinity: TestPods.Term(Zone, "app=noisy"));
        var cluster = ThreeNodesTwoZones().Place(loner, "a1");
        var noisy = TestPods.Pod("noisy", labels: TestPods.Labels("app=noisy"));
        Assert.Equal([InterPodAffinity.ReasonExistingAntiAffinity], cluster.Filter(_plugin, noisy, "a2").Reasons);
        Assert.True(cluster.Filter(_plugin, noisy, "b1").IsSuccess);
    }

    [Fact]
    public void Terms_look_only_in_their_namespaces()
    {
        var cluster = ThreeNodesTwoZones().Place(TestPods.Pod("web-0", labels: TestPods.Labels("app=web"), ns: "other"), "a1");
        var sameNamespace = WithAffinity("web-1", TestPods.Labels("app=web"), antiAffinity: TestPods.Term(Host, "app=web"));
        Assert.True(cluster.Filter(_plugin, sameNamespace, "a1").IsSuccess);
        var term = TestPods.Term(Host, "app=web");
        term.Namespaces = ["other"];
        Assert.False(cluster.Filter(_plugin, WithAffinity("web-2", antiAffinity: term), "a1").IsSuccess);
    }

    [Fact]
    public void Preferred_affinity_scores_the_zone_with_matching_pods_higher_and_anti_affinity_lower()
    {
        var cluster = ThreeNodesTwoZones().Place(TestPods.Pod("cache", labels: TestPods.Labels("app=cache")), "a1");
        var pod = TestPods.Pod("web");
        pod.Spec.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 50, PodAffinityTerm = TestPods.Term(Zone, "app=cache") }] },
        };
        Assert.Equal([100, 100, 0], cluster.Scores(_plugin, pod, "a1", "a2", "b1"));

        pod.Spec.Affinity = new Affinity
        {
            PodAntiAffinity = new PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 50, PodAffinityTerm = TestPods.Term(Zone, "app=cache") }] },
        };
        Assert.Equal([0, 0, 100], cluster.Scores(_plugin, pod, "a1", "a2", "b1"));
    }

    [Fact]
    public void A_pod_without_terms_in_a_cluster_without_anti_affinity_skips_the_filter()
    {
        var cluster = ThreeNodesTwoZones().Place(TestPods.Pod("web-0", labels: TestPods.Labels("app=web")), "a1");
        Assert.True(cluster.Filter(_plugin, TestPods.Pod("p", labels: TestPods.Labels("app=web")), "a1").IsSuccess);
    }
}
