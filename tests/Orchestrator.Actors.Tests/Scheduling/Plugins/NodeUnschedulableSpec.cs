using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class NodeUnschedulableSpec
{
    private readonly TestCluster _cluster = new TestCluster().With(TestNodes.Node("cordoned", unschedulable: true), TestNodes.Node("open"));

    [Fact]
    public void A_cordoned_node_is_rejected() =>
        Assert.Equal([NodeUnschedulable.ReasonUnschedulable], _cluster.Filter(new NodeUnschedulable(), TestPods.Pod("p"), "cordoned").Reasons);

    [Fact]
    public void An_open_node_passes() => Assert.True(_cluster.Filter(new NodeUnschedulable(), TestPods.Pod("p"), "open").IsSuccess);

    [Fact]
    public void A_pod_tolerating_the_unschedulable_taint_may_go_to_a_cordoned_node()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Tolerations = [new Toleration { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoSchedule" }];
        Assert.True(_cluster.Filter(new NodeUnschedulable(), pod, "cordoned").IsSuccess);
    }
}
