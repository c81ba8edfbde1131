using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class NodeNameSpec
{
    private readonly TestCluster _cluster = new TestCluster().With(TestNodes.Node("n1"), TestNodes.Node("n2"));

    [Fact]
    public void A_pod_naming_a_node_fits_only_that_node()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.NodeName = "n1";
        Assert.True(_cluster.Filter(new NodeName(), pod, "n1").IsSuccess);
        Assert.Equal([NodeName.ReasonNodeName], _cluster.Filter(new NodeName(), pod, "n2").Reasons);
    }

    [Fact]
    public void A_pod_naming_no_node_fits_every_node() =>
        Assert.True(_cluster.Filter(new NodeName(), TestPods.Pod("p"), "n2").IsSuccess);
}
