using Orchestrator.Ctl.Cli;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Tests.Cli;

public sealed class ResourceArgsTests
{
    [Fact]
    public void A_type_and_names_make_one_target()
    {
        var target = Assert.Single(ResourceArgs.Parse(["pods", "web", "db"], "get"));
        Assert.Equal("pods", target.Resource);
        Assert.Equal(["web", "db"], target.Names);
    }

    [Fact]
    public void Type_slash_name_arguments_are_grouped_by_type_in_order()
    {
        var targets = ResourceArgs.Parse(["po/a", "deploy/web", "po/b"], "get");
        Assert.Equal(["po", "deploy"], targets.Select(t => t.Resource));
        Assert.Equal(["a", "b"], targets[0].Names);
    }

    [Fact]
    public void A_comma_list_names_several_types_without_names()
    {
        var targets = ResourceArgs.Parse(["deploy,po,svc"], "get");
        Assert.Equal(["deploy", "po", "svc"], targets.Select(t => t.Resource));
        Assert.All(targets, t => Assert.Empty(t.Names));
    }

    [Fact]
    public void No_type_is_refused_with_kubectls_message() =>
        Assert.StartsWith("error: you must specify the type of resource to get", Assert.Throws<CtlException>(() => ResourceArgs.Parse([], "get")).Message);

    [Fact]
    public void Names_with_several_types_or_mixed_forms_are_refused()
    {
        Assert.Throws<CtlException>(() => ResourceArgs.Parse(["deploy,po", "web"], "get"));
        Assert.Throws<CtlException>(() => ResourceArgs.Parse(["pods", "po/web"], "get"));
        Assert.Throws<CtlException>(() => ResourceArgs.Parse(["po/"], "get"));
        Assert.Equal("error: unknown flag: --bogus", Assert.Throws<CtlException>(() => ResourceArgs.Parse(["pods", "--bogus"], "get")).Message);
    }

    [Fact]
    public void Label_changes_are_split_from_the_resource_arguments()
    {
        var (targets, changes) = ChangeCommands.SplitChanges(["pods", "web", "app=shop", "tier-"]);
        Assert.Equal(["pods", "web"], targets);
        Assert.Equal("shop", changes["app"]);
        Assert.True(changes.ContainsKey("tier"));
        Assert.Null(changes["tier"]);
        Assert.Throws<CtlException>(() => ChangeCommands.SplitChanges(["pods", "web"]));
        Assert.Throws<CtlException>(() => ChangeCommands.SplitChanges(["pods", "app=x", "web"]));
    }
}
