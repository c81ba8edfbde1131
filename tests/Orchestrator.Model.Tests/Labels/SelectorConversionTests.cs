using Orchestrator.Model.Labels;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Tests.Labels;

public sealed class SelectorConversionTests
{
    [Fact]
    public void FromLabelSelector_combines_match_labels_and_match_expressions()
    {
        var api = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["fe", "be"] },
                new LabelSelectorRequirement { Key = "canary", Operator = "DoesNotExist" },
                new LabelSelectorRequirement { Key = "env", Operator = "NotIn", Values = ["prod"] },
                new LabelSelectorRequirement { Key = "team", Operator = "Exists" },
            ],
        };

        var selector = Selector.FromLabelSelector(api);

        Assert.Equal("app=web,!canary,env notin (prod),team,tier in (be,fe)", selector.ToString());
    }

    [Fact]
    public void A_null_label_selector_matches_nothing_and_an_empty_one_everything()
    {
        var labels = new Dictionary<string, string> { ["app"] = "web" };

        Assert.False(Selector.FromLabelSelector(null).Matches(labels));
        Assert.True(Selector.FromLabelSelector(new LabelSelector()).Matches(labels));
        Assert.True(Selector.FromLabelSelector(new LabelSelector()).IsEmpty);
    }

    [Fact]
    public void FromLabelSelector_rejects_an_unknown_operator()
    {
        var api = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "Gt", Values = ["1"] }] };

        var ex = Assert.Throws<ArgumentException>(() => Selector.FromLabelSelector(api));
        Assert.Equal("\"Gt\" is not a valid label selector operator", ex.Message);
    }

    [Fact]
    public void ToLabelSelector_puts_equalities_in_match_labels_and_the_rest_in_expressions()
    {
        var api = Selector.Parse("app=web,env!=prod,!canary").ToLabelSelector()!;

        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, api.MatchLabels);
        Assert.Equal(
            ["canary DoesNotExist ", "env NotIn prod"],
            api.MatchExpressions!.Select(e => $"{e.Key} {e.Operator} {string.Join(",", e.Values ?? [])}"));
    }

    [Fact]
    public void ToLabelSelector_cannot_express_numeric_comparisons()
    {
        Assert.Throws<InvalidOperationException>(() => Selector.Parse("replicas>1").ToLabelSelector());
    }

    [Fact]
    public void FromSet_requires_every_pair()
    {
        var selector = Selector.FromSet(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe" });

        Assert.Equal("app=web,tier=fe", selector.ToString());
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["x"] = "y" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Theory]
    [InlineData("app", SelectorOperator.In, new string[0], "for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("app", SelectorOperator.Equals, new[] { "a", "b" }, "exact-match compatibility requires one single value")]
    [InlineData("app", SelectorOperator.Exists, new[] { "a" }, "values set must be empty for exists and does not exist")]
    [InlineData("-app", SelectorOperator.Exists, new string[0], "key: Invalid value: \"-app\"")]
    public void Requirement_Create_rejects_inconsistent_requirements(string key, SelectorOperator op, string[] values, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => Requirement.Create(key, op, values));

        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void MatchesLabelsOf_treats_an_object_without_labels_as_an_empty_set()
    {
        var pod = new Orchestrator.Model.Core.V1.Pod();

        Assert.True(Selector.Parse("!app").MatchesLabelsOf(pod));
        Assert.False(Selector.Parse("app").MatchesLabelsOf(pod));
    }
}
