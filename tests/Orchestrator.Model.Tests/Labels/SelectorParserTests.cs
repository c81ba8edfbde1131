using Orchestrator.Model.Labels;

namespace Orchestrator.Model.Tests.Labels;

public sealed class SelectorParserTests
{
    public static TheoryData<string, string> CanonicalForms => new()
    {
        { "app=web", "app=web" },
        { "app = web", "app=web" },
        { "x==y", "x==y" },
        { "env!=prod", "env!=prod" },
        { "tier in (fe,be)", "tier in (be,fe)" },
        { "tier in(fe, be ,fe)", "tier in (be,fe)" },
        { "tier notin (fe)", "tier notin (fe)" },
        { "has", "has" },
        { "!canary", "!canary" },
        { "replicas>3", "replicas>3" },
        { "replicas<3", "replicas<3" },
        { "app=", "app=" },
        { "example.com/team=infra", "example.com/team=infra" },
        { "app=web,tier in (fe,be),!canary,env!=prod,x==y,has", "app=web,!canary,env!=prod,has,tier in (be,fe),x==y" },
        { "", "" },
        { "app in ()", "app in ()" },
        { "app in (,web)", "app in (,web)" },
    };

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void Parse_accepts_the_selector_language_and_prints_it_canonically(string text, string canonical)
    {
        Assert.Equal(canonical, Selector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("app=web", "app=web,tier=fe", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("env!=prod", "", true)]
    [InlineData("env!=prod", "env=prod", false)]
    [InlineData("env!=prod", "env=dev", true)]
    [InlineData("tier in (fe,be)", "tier=be", true)]
    [InlineData("tier in (fe,be)", "tier=db", false)]
    [InlineData("tier in (fe,be)", "", false)]
    [InlineData("tier notin (fe,be)", "", true)]
    [InlineData("tier notin (fe,be)", "tier=fe", false)]
    [InlineData("has", "has=", true)]
    [InlineData("has", "other=x", false)]
    [InlineData("!canary", "app=web", true)]
    [InlineData("!canary", "canary=true", false)]
    [InlineData("replicas>3", "replicas=4", true)]
    [InlineData("replicas>3", "replicas=3", false)]
    [InlineData("replicas>3", "replicas=many", false)]
    [InlineData("replicas<3", "replicas=-1", true)]
    [InlineData("", "anything=at-all", true)]
    [InlineData("app in ()", "app=", true)]
    [InlineData("app in ()", "app=web", false)]
    [InlineData("app=web,!canary", "app=web,canary=1", false)]
    public void Matches_applies_each_operator_as_kubernetes_does(string selector, string labels, bool expected)
    {
        var set = labels.Length == 0
            ? new Dictionary<string, string>()
            : labels.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal(expected, Selector.Parse(selector).Matches(set));
    }

    [Theory]
    [InlineData("app=web,", 8, "found end of string, expected: identifier after ','")]
    [InlineData("app in web", 7, "found 'web', expected: '('")]
    [InlineData("app in (a b)", 10, "found 'b', expected: ',' or ')'")]
    [InlineData("=web", 0, "found '=', expected: identifier")]
    [InlineData("!app=web", 4, "found '=', expected: ',' or 'end of string'")]
    [InlineData("app web", 4, "found 'web', expected: '=', '!=', '==', 'in', 'notin', '>', '<', ',' or 'end of string'")]
    [InlineData("replicas>many", 9, "values[0]: Invalid value: \"many\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("app=web,tier in (fe", 19, "found end of string, expected: ',' or ')'")]
    public void Parse_errors_give_the_character_position(string text, int position, string problem)
    {
        var ex = Assert.Throws<SelectorParseException>(() => Selector.Parse(text));

        Assert.Equal(position, ex.Position);
        Assert.Equal(problem, ex.Problem);
    }

    [Theory]
    [InlineData("-bad=x", 0)]
    [InlineData("a/b/c=x", 0)]
    [InlineData("app=-bad", 4)]
    [InlineData("app in (ok,no_)", 7)]
    public void Parse_rejects_invalid_keys_and_values_at_their_position(string text, int position)
    {
        var ex = Assert.Throws<SelectorParseException>(() => Selector.Parse(text));

        Assert.Equal(position, ex.Position);
        Assert.Contains("Invalid value", ex.Problem);
    }

    [Fact]
    public void TryParse_reports_failure_without_throwing()
    {
        Assert.False(Selector.TryParse("a in", out var selector, out var error));
        Assert.Null(selector);
        Assert.Equal(4, error.Position);
        Assert.True(Selector.TryParse("a", out var ok, out _));
        Assert.Equal("a", ok.ToString());
    }
}
