using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class NodePortsSpec
{
    private static Pod WithHostPort(string name, int port, string? protocol = null, string? ip = null)
    {
        var pod = TestPods.Pod(name);
        pod.Spec.Containers[0].Ports = [new ContainerPort { Port = 80, HostPort = port, Protocol = protocol, HostIP = ip }];
        return pod;
    }

    [Fact]
    public void A_host_port_already_taken_on_the_node_rejects_it()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1"), TestNodes.Node("n2")).Place(WithHostPort("a", 8080), "n1");
        Assert.Equal([NodePorts.ReasonPortsTaken], cluster.Filter(new NodePorts(), WithHostPort("p", 8080), "n1").Reasons);
        Assert.True(cluster.Filter(new NodePorts(), WithHostPort("p", 8080), "n2").IsSuccess);
    }

    [Theory]
    [InlineData(8081, "TCP", null, true)]
    [InlineData(8080, "UDP", null, true)]
    [InlineData(8080, "TCP", "10.0.0.2", true)]
    [InlineData(8080, "TCP", "10.0.0.1", false)]
    [InlineData(8080, "TCP", "0.0.0.0", false)]
    public void Ports_conflict_on_same_protocol_port_and_overlapping_address(int port, string protocol, string? ip, bool fits)
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1")).Place(WithHostPort("a", 8080, "TCP", "10.0.0.1"), "n1");
        Assert.Equal(fits, cluster.Filter(new NodePorts(), WithHostPort("p", port, protocol, ip), "n1").IsSuccess);
    }

    [Fact]
    public void Ports_are_free_again_once_the_pod_is_gone()
    {
        var cluster = new TestCluster().With(TestNodes.Node("n1")).Place(WithHostPort("a", 8080), "n1");
        cluster.Snapshot.RemovePod("default/a", "n1");
        Assert.True(cluster.Filter(new NodePorts(), WithHostPort("p", 8080), "n1").IsSuccess);
    }
}
