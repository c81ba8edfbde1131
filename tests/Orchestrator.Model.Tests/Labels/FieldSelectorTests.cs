using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Labels;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("metadata.name=web-0", true)]
    [InlineData("metadata.name==web-0", true)]
    [InlineData("metadata.name=other", false)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("status.phase=Running,spec.nodeName=node-a", true)]
    [InlineData("status.phase=Running,spec.nodeName=node-b", false)]
    [InlineData("spec.schedulerName=", true)]
    [InlineData("unknown.field!=x", true)]
    [InlineData("", true)]
    public void Matches_compares_the_pods_selectable_fields(string selector, bool expected)
    {
        var pod = TestPods.Valid();
        pod.Spec.NodeName = "node-a";
        pod.Status = new PodStatus { Phase = PodPhase.Running };

        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(ObjectFields.Of(pod)));
    }

    [Fact]
    public void Escaped_separators_are_part_of_the_value()
    {
        var selector = FieldSelector.Parse(@"metadata.name=a\,b\=c");

        var term = Assert.Single(selector.Terms);
        Assert.Equal("a,b=c", term.Value);
        Assert.Equal(@"metadata.name=a\,b\=c", selector.ToString());
        Assert.Equal(selector, FieldSelector.Parse(selector.ToString()));
    }

    [Theory]
    [InlineData("metadata.name", 0)]
    [InlineData("=x", 0)]
    [InlineData("a=b,c", 4)]
    [InlineData("a=b=c", 3)]
    [InlineData(@"a=b\x", 3)]
    public void Parse_errors_give_the_character_position(string text, int position)
    {
        var ex = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text));

        Assert.Equal(position, ex.Position);
    }

    [Fact]
    public void Event_fields_include_the_involved_object()
    {
        var ev = new Event { InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web-0" }, Reason = "Scheduled" };

        Assert.True(FieldSelector.Parse("involvedObject.kind=Pod,involvedObject.name=web-0,reason=Scheduled").Matches(ObjectFields.Of(ev)));
    }
}
