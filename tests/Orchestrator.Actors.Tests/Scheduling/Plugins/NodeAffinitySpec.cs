using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;
using NodeAffinityPlugin = Orchestrator.Actors.Scheduling.Plugins.NodeAffinity;

namespace Orchestrator.Actors.Tests.Scheduling.Plugins;

public sealed class NodeAffinitySpec
{
    private readonly NodeAffinityPlugin _plugin = new();
    private readonly TestCluster _cluster = new TestCluster().With(
        TestNodes.Node("ssd", labels: new() { ["disk"] = "ssd", ["generation"] = "5" }),
        TestNodes.Node("hdd", labels: new() { ["disk"] = "hdd", ["generation"] = "3" }),
        TestNodes.Node("bare"));

    private static Pod Requiring(params NodeSelectorTerm[] terms)
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] } },
        };
        return pod;
    }

    private static NodeSelectorTerm Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = op, Values = values.Length == 0 ? null : [.. values] }] };

    [Fact]
    public void A_node_selector_needs_every_label()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.NodeSelector = new() { ["disk"] = "ssd" };
        Assert.True(_cluster.Filter(_plugin, pod, "ssd").IsSuccess);
        Assert.Equal([NodeAffinityPlugin.ReasonMismatch], _cluster.Filter(_plugin, pod, "hdd").Reasons);
        Assert.False(_cluster.Filter(_plugin, pod, "bare").IsSuccess);
    }

    [Theory]
    [InlineData("disk", "In", new[] { "ssd", "nvme" }, "ssd", true)]
    [InlineData("disk", "In", new[] { "ssd" }, "hdd", false)]
    [InlineData("disk", "NotIn", new[] { "ssd" }, "hdd", true)]
    [InlineData("disk", "NotIn", new[] { "ssd" }, "bare", true)]
    [InlineData("disk", "NotIn", new[] { "ssd" }, "ssd", false)]
    [InlineData("disk", "Exists", new string[0], "hdd", true)]
    [InlineData("disk", "Exists", new string[0], "bare", false)]
    [InlineData("disk", "DoesNotExist", new string[0], "bare", true)]
    [InlineData("disk", "DoesNotExist", new string[0], "ssd", false)]
    [InlineData("generation", "Gt", new[] { "4" }, "ssd", true)]
    [InlineData("generation", "Gt", new[] { "4" }, "hdd", false)]
    [InlineData("generation", "Lt", new[] { "4" }, "hdd", true)]
    [InlineData("generation", "Lt", new[] { "4" }, "bare", false)]
    [InlineData("generation", "Gt", new[] { "four" }, "ssd", false)]
    [InlineData("disk", "Like", new[] { "ssd" }, "ssd", false)]
    public void Match_expressions_follow_their_operator(string key, string op, string[] values, string node, bool fits) =>
        Assert.Equal(fits, _cluster.Filter(_plugin, Requiring(Expression(key, op, values)), node).IsSuccess);

    [Fact]
    public void Terms_are_ORed_and_expressions_within_a_term_ANDed()
    {
        var both = new NodeSelectorTerm
        {
            MatchExpressions =
            [
                new NodeSelectorRequirement { Key = "disk", Operator = "In", Values = ["ssd"] },
                new NodeSelectorRequirement { Key = "generation", Operator = "Lt", Values = ["4"] },
            ],
        };
        Assert.False(_cluster.Filter(_plugin, Requiring(both), "ssd").IsSuccess);
        Assert.True(_cluster.Filter(_plugin, Requiring(both, Expression("disk", "In", "ssd")), "ssd").IsSuccess);
    }

    [Fact]
    public void Match_fields_select_by_node_name()
    {
        var pod = Requiring(new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = ["hdd"] }] });
        Assert.True(_cluster.Filter(_plugin, pod, "hdd").IsSuccess);
        Assert.False(_cluster.Filter(_plugin, pod, "ssd").IsSuccess);
    }

    [Fact]
    public void An_empty_term_matches_no_node() =>
        Assert.False(_cluster.Filter(_plugin, Requiring(new NodeSelectorTerm()), "ssd").IsSuccess);

    [Fact]
    public void A_pod_without_node_constraints_fits_everywhere() =>
        Assert.True(_cluster.Filter(_plugin, TestPods.Pod("p"), "bare").IsSuccess);

    [Fact]
    public void Preferred_terms_score_by_the_weights_they_match()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new PreferredSchedulingTerm { Weight = 80, Preference = Expression("disk", "In", "ssd") },
                    new PreferredSchedulingTerm { Weight = 20, Preference = Expression("disk", "Exists") },
                ],
            },
        };
        Assert.Equal([100, 20, 0], _cluster.Scores(_plugin, pod, "ssd", "hdd", "bare"));
    }
}
