using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Tests.Simulation;

namespace Orchestrator.Actors.Tests.Controllers.Deployments;

public sealed class TemplateHashSpec
{
    [Fact]
    public void The_hash_is_stable_and_changes_with_the_template_and_the_collision_count()
    {
        var a = TestWorkloads.Template("web");
        var b = TestWorkloads.Template("web", image: "nginx:1.28");

        Assert.Equal(TemplateHash.Of(a, null), TemplateHash.Of(TestWorkloads.Template("web"), null));
        Assert.NotEqual(TemplateHash.Of(a, null), TemplateHash.Of(b, null));
        Assert.NotEqual(TemplateHash.Of(a, null), TemplateHash.Of(a, 1));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", TemplateHash.Of(a, null));
    }

    [Fact]
    public void Templates_equal_but_for_the_hash_label_are_the_same()
    {
        var plain = TestWorkloads.Template("web");
        var labelled = TestWorkloads.Template("web");
        labelled.Metadata!.Labels![TemplateHash.Label] = "abc";

        Assert.True(TemplateHash.SameTemplate(plain, labelled));
        Assert.False(TemplateHash.SameTemplate(plain, TestWorkloads.Template("web", image: "other")));
        Assert.True(TemplateHash.SameTemplate(plain, TemplateHash.WithoutHash(labelled)));
    }
}
