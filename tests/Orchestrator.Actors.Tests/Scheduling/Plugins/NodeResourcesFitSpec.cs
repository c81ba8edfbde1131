using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class NodeResourcesFitSpec
{
    private readonly NodeResourcesFit _plugin = new();

    [Fact]
    public void A_pod_that_fits_in_what_is_left_passes()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", cpu: "2", memory: "4Gi")).Place(TestPods.Pod("a", "1", "2Gi"), "n1");
        Assert.True(cluster.Filter(_plugin, TestPods.Pod("p", "1", "2Gi"), "n1").IsSuccess);
    }

    [Fact]
    public void Requests_beyond_allocatable_minus_assigned_are_rejected_with_every_short_resource()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", cpu: "2", memory: "4Gi")).Place(TestPods.Pod("a", "1500m", "3Gi"), "n1");
        var status = cluster.Filter(_plugin, TestPods.Pod("p", "1", "2Gi"), "n1");
        Assert.Equal([NodeResourcesFit.ReasonInsufficientCpu, NodeResourcesFit.ReasonInsufficientMemory], status.Reasons);
    }

    [Fact]
    public void Only_the_short_resource_is_named()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", cpu: "2", memory: "4Gi"));
        Assert.Equal([NodeResourcesFit.ReasonInsufficientCpu], cluster.Filter(_plugin, TestPods.Pod("p", "3", "1Gi"), "n1").Reasons);
    }

    [Fact]
    public void A_full_node_rejects_even_a_pod_without_requests()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", pods: 1)).Place(TestPods.Pod("a"), "n1");
        Assert.Equal([NodeResourcesFit.ReasonTooManyPods], cluster.Filter(_plugin, TestPods.Pod("p"), "n1").Reasons);
    }

    [Fact]
    public void A_pod_without_requests_fits_a_node_with_no_cpu_left()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", cpu: "1")).Place(TestPods.Pod("a", "1"), "n1");
        Assert.True(cluster.Filter(_plugin, TestPods.Pod("p"), "n1").IsSuccess);
    }

    [Fact]
    public void Extended_resources_are_checked_by_name()
    {
        var node = TestNodes.Node("n1");
        node.Status!.Allocatable!["example.com/gpu"] = "1";
        var cluster = new TestCluster().With(node, TestNodes.Node("n2"));
        var pod = TestPods.Pod("p", "1");
        pod.Spec.Containers[0].Resources!.Requests!["example.com/gpu"] = "1";
        Assert.True(cluster.Filter(_plugin, pod, "n1").IsSuccess);
        Assert.Equal(["Insufficient example.com/gpu"], cluster.Filter(_plugin, pod, "n2").Reasons);
    }

    [Fact]
    public void Pod_overhead_counts_towards_the_requests()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1", cpu: "1"));
        var pod = TestPods.Pod("p", "900m");
        pod.Spec.Overhead = new Dictionary<string, Quantity> { ["cpu"] = "200m" };
        Assert.Equal([NodeResourcesFit.ReasonInsufficientCpu], cluster.Filter(_plugin, pod, "n1").Reasons);
    }

    [Fact]
    public void Least_allocated_scores_the_emptier_node_higher()
    {
        var cluster = new TestCluster().With(TestNodes.Node("busy", cpu: "4", memory: "8Gi"), TestNodes.Node("idle", cpu: "4", memory: "8Gi"))
            .Place(TestPods.Pod("a", "3", "6Gi"), "busy");
        var scores = cluster.Scores(_plugin, TestPods.Pod("p", "1", "1Gi"), "busy", "idle");
        Assert.True(scores[1] > scores[0], $"idle {scores[1]} should beat busy {scores[0]}");
        Assert.InRange(scores[1], 0, 100);
        // idle: cpu (4-1)/4 = 75, memory (8-1)/8 = 87 → 81
        Assert.Equal(81, scores[1]);
    }
}
