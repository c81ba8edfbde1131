using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Framework;

public sealed class SchedulingFrameworkSpec
{
    private static SchedulingFramework Default(int percentage = 0) =>
        PluginRegistry.CreateFramework(new SchedulerSettings { PercentageOfNodesToScore = percentage }, new Random(7));

    [Fact]
    public void The_pod_goes_to_the_node_that_fits_and_scores_best()
    {
        var cluster = new TestCluster().With(TestNodes.Node("small", cpu: "1"), TestNodes.Node("busy", cpu: "8"), TestNodes.Node("free", cpu: "8"))
            .Place(TestPods.Pod("x", "6"), "busy");
        var result = Default().Schedule(PodInfo.Of(TestPods.Pod("p", "2")), cluster.Snapshot);
        Assert.Equal("free", result.Node?.Name);
        Assert.Equal(2, result.FeasibleNodes);
    }

    [Fact]
    public void When_no_node_fits_every_nodes_reason_is_counted_in_the_message()
    {
        var cluster = new TestCluster().With(
            TestNodes.Node("n1", cpu: "1"),
            TestNodes.Node("n2", cpu: "1"),
            TestNodes.Node("n3", cpu: "8", labels: new() { ["disk"] = "hdd" }));
        var pod = TestPods.Pod("p", "2");
        pod.Spec.NodeSelector = new() { ["disk"] = "hdd" };
        var first = Default().Schedule(PodInfo.Of(pod), cluster.Snapshot);
        Assert.True(first.IsSuccess);

        pod.Spec.NodeSelector = new() { ["disk"] = "ssd" };
        var result = Default().Schedule(PodInfo.Of(pod), cluster.Snapshot);
        Assert.Null(result.Node);
        Assert.Equal("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", result.Failure!.Message);

        pod.Spec.NodeSelector = null;
        pod.Spec.Containers[0].Resources!.Requests!["cpu"] = "16";
        Assert.Equal("0/3 nodes are available: 3 Insufficient cpu.", Default().Schedule(PodInfo.Of(pod), cluster.Snapshot).Failure!.Message);
    }

    [Fact]
    public void A_node_is_rejected_by_its_first_failing_filter_only()
    {
        var cluster = new TestCluster().With(
            TestNodes.Node("tainted", cpu: "1", taints: [TestNodes.Taint("dedicated", "db", "NoSchedule")]),
            TestNodes.Node("small", cpu: "1"),
            TestNodes.Node("other", cpu: "1", labels: new() { ["disk"] = "hdd" }));
        var pod = TestPods.Pod("p", "2");
        var result = Default().Schedule(PodInfo.Of(pod), cluster.Snapshot);
        Assert.Equal("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu.", result.Failure!.Message);
        Assert.Equal(ClusterEvents.NodeAdded | ClusterEvents.NodeUpdated | ClusterEvents.AssignedPodRemoved, result.Failure.RetryOn);
    }

    [Fact]
    public void Weights_decide_between_plugins()
    {
        // "soft" is emptier (LeastAllocated prefers it) but has a PreferNoSchedule taint (weight 3).
        var cluster = new TestCluster().With(
            TestNodes.Node("soft", cpu: "8", taints: [TestNodes.Taint("spot", "yes", "PreferNoSchedule")]),
            TestNodes.Node("plain", cpu: "8")).Place(TestPods.Pod("x", "4"), "plain");
        Assert.Equal("plain", Default().Schedule(PodInfo.Of(TestPods.Pod("p", "1")), cluster.Snapshot).Node?.Name);

        var noTaintWeight = PluginRegistry.CreateFramework(new SchedulerSettings { ScoreWeights = new Dictionary<string, int> { ["TaintToleration"] = 0 } }, new Random(1));
        Assert.Equal("soft", noTaintWeight.Schedule(PodInfo.Of(TestPods.Pod("p", "1")), cluster.Snapshot).Node?.Name);
    }

    [Theory]
    [InlineData(50, 0, 50)]
    [InlineData(99, 0, 99)]
    [InlineData(100, 0, 100)]
    [InlineData(1000, 0, 420)]
    [InlineData(5000, 0, 500)]
    [InlineData(5000, 10, 500)]
    [InlineData(5000, 1, 100)]
    [InlineData(100000, 0, 5000)]
    [InlineData(5000, 100, 5000)]
    public void The_number_of_feasible_nodes_sought_follows_kube_scheduler(int nodes, int percentage, int expected) =>
        Assert.Equal(expected, NodeSampling.FeasibleNodesToFind(nodes, percentage));

    [Fact]
    public void A_large_cluster_is_filtered_only_until_enough_feasible_nodes_are_found_starting_where_the_last_cycle_stopped()
    {
        var cluster = new TestCluster();
        for (var i = 0; i < 1000; i++) cluster.With(TestNodes.Node($"n{i}"));
        var framework = Default();
        var first = framework.Schedule(PodInfo.Of(TestPods.Pod("p1", "1")), cluster.Snapshot);
        Assert.Equal(420, first.EvaluatedNodes);
        Assert.Equal(420, first.FeasibleNodes);
        var second = framework.Schedule(PodInfo.Of(TestPods.Pod("p2", "1")), cluster.Snapshot);
        var firstIndex = int.Parse(first.Node!.Name[1..]);
        var secondIndex = int.Parse(second.Node!.Name[1..]);
        Assert.InRange(firstIndex, 0, 419);
        Assert.InRange(secondIndex, 420, 839);
    }

    [Fact]
    public void An_invalid_pod_affinity_fails_with_its_reason()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution =
                [
                    new PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        LabelSelector = new Model.Meta.LabelSelector { MatchExpressions = [new Model.Meta.LabelSelectorRequirement { Key = "app", Operator = "Near" }] },
                    },
                ],
            },
        };
        var result = Default().Schedule(PodInfo.Of(pod), new TestCluster().With(TestNodes.Node("n1")).Snapshot);
        Assert.Contains("invalid pod affinity of pod default/p", result.Failure!.Message);
    }
}
