using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class TaintTolerationSpec
{
    private readonly TaintToleration _plugin = new();
    private readonly TestCluster _cluster = new TestCluster().With(
        TestNodes.Node("gpu", taints: [TestNodes.Taint("gpu", "true", "NoSchedule")]),
        TestNodes.Node("draining", taints: [TestNodes.Taint("drain", null, "NoExecute")]),
        TestNodes.Node("soft", taints: [TestNodes.Taint("spot", "yes", "PreferNoSchedule")]),
        TestNodes.Node("plain"));

    [Fact]
    public void An_untolerated_NoSchedule_taint_rejects_the_node_naming_the_taint() =>
        Assert.Equal(["node(s) had untolerated taint {gpu: true}"], _cluster.Filter(_plugin, TestPods.Pod("p"), "gpu").Reasons);

    [Fact]
    public void An_untolerated_NoExecute_taint_rejects_the_node() =>
        Assert.False(_cluster.Filter(_plugin, TestPods.Pod("p"), "draining").IsSuccess);

    [Fact]
    public void A_PreferNoSchedule_taint_does_not_filter() =>
        Assert.True(_cluster.Filter(_plugin, TestPods.Pod("p"), "soft").IsSuccess);

    [Theory]
    [InlineData("gpu", "Equal", "true", "NoSchedule", true)]
    [InlineData("gpu", null, "true", null, true)]
    [InlineData("gpu", "Equal", "false", "NoSchedule", false)]
    [InlineData("gpu", "Exists", null, null, true)]
    [InlineData(null, "Exists", null, null, true)]
    [InlineData("gpu", "Exists", null, "NoExecute", false)]
    [InlineData("other", "Exists", null, null, false)]
    public void Tolerations_match_by_key_operator_value_and_effect(string? key, string? op, string? value, string? effect, bool fits)
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Tolerations = [new Toleration { Key = key, Operator = op, Value = value, Effect = effect }];
        Assert.Equal(fits, _cluster.Filter(_plugin, pod, "gpu").IsSuccess);
    }

    [Fact]
    public void Nodes_with_untolerated_PreferNoSchedule_taints_score_lower()
    {
        var scores = _cluster.Scores(_plugin, TestPods.Pod("p"), "soft", "plain");
        Assert.Equal([0, 100], scores);
    }

    [Fact]
    public void A_tolerated_PreferNoSchedule_taint_does_not_lower_the_score()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Tolerations = [new Toleration { Key = "spot", Operator = "Exists", Effect = "PreferNoSchedule" }];
        Assert.Equal([100, 100], _cluster.Scores(_plugin, pod, "soft", "plain"));
    }
}
