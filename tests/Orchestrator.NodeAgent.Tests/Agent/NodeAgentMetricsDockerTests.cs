using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Metrics.V1beta1;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Tests.Docker;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>Resource metrics sampled from the real engine and written to the store as metrics.k8s.io objects.</summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentMetricsDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "metrics-node-")
{
    private static readonly ObjectKey BurnerMetrics = new("metrics.k8s.io", "PodMetrics", "default", "burner");

    [Fact]
    public async Task A_pod_burning_CPU_gets_PodMetrics_with_cpu_and_memory_use_that_go_away_with_the_pod()
    {
        var agent = StartAgent(configure: s => s with { MetricsInterval = TimeSpan.FromMilliseconds(500) });
        var pod = Pod("burner", NodeName, DockerFixture.BusyboxImage, "sh", "-c", "trap 'exit 0' TERM; while true; do :; done");
        pod.Metadata.Labels = new() { ["app"] = "burner" };
        var created = await StoreRef.Created(pod, Request);

        PodMetrics? metrics = null;
        await AwaitAssertAsync(async () =>
        {
            metrics = await StoreRef.Read<PodMetrics>(BurnerMetrics, Request);
            var usage = Assert.Single(metrics!.Containers).Usage;
            Assert.True(usage["cpu"] > Quantity.Zero, $"cpu {usage["cpu"]}");
            Assert.True(usage["memory"] > Quantity.Zero, $"memory {usage["memory"]}");
        }, Long, TimeSpan.FromMilliseconds(200));

        Assert.Equal("main", metrics!.Containers[0].Name);
        Assert.Equal("burner", metrics.Metadata.Labels!["app"]);
        Assert.Equal(created.Metadata.Uid, Assert.Single(metrics.Metadata.OwnerReferences!).Uid);
        Assert.NotNull(metrics.Timestamp);
        Assert.EndsWith("s", metrics.Window, StringComparison.Ordinal);

        var node = await StoreRef.Read<NodeMetrics>(new("metrics.k8s.io", "NodeMetrics", null, NodeName), Request);
        Assert.True(node!.Usage["cpu"] > Quantity.Zero);
        Assert.True(node.Usage["memory"] > Quantity.Zero);

        agent.Tell(GetMetrics.Instance, TestActor);
        var snapshot = ExpectMsg<MetricsSnapshot>(Request);
        Assert.Contains(snapshot.Pods, p => p.Metadata.Name == "burner");
        Assert.Equal(NodeName, snapshot.Node?.Metadata.Name);

        Assert.True((await StoreRef.Send(new DeleteObject(PodKey("burner")), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await StoreRef.Read<PodMetrics>(BurnerMetrics, Request)), Long, TimeSpan.FromMilliseconds(200));
    }
}
