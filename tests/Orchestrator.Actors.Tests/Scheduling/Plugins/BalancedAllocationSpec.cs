using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class BalancedAllocationSpec
{
    [Fact]
    public void A_node_whose_cpu_and_memory_would_be_used_alike_scores_higher()
    {
        var cluster = new TestCluster().With(TestNodes.Node("cpu-heavy", "4", "8Gi"), TestNodes.Node("even", "4", "8Gi"))
            .Place(TestPods.Pod("a", "3", "1Gi"), "cpu-heavy")
            .Place(TestPods.Pod("b", "2", "4Gi"), "even");
        var scores = cluster.Scores(new BalancedAllocation(), TestPods.Pod("p", "1", "2Gi"), "cpu-heavy", "even");
        // even: cpu 3/4 = .75, memory 6/8 = .75 → 100; cpu-heavy: 1.0 vs .375 → 100 × (1 − .3125) = 68
        Assert.Equal([68, 100], scores);
    }
}
