using System.Reflection;
using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class ResourceTests
{
    private const string Prefix = "Orchestrator.Hocon.Tests.Resources.";

    private static readonly Assembly _assembly = typeof(ResourceTests).Assembly;

    [Fact]
    public void An_embedded_resource_is_parsed_with_its_includes_resolved_as_sibling_resources()
    {
        var config = Config.FromResource(_assembly, Prefix + "app.conf");

        Assert.Equal("from-resource", config.GetString("app.name"));
        Assert.Equal(2552, config.GetInt("app.port"));
        Assert.True(config.GetBoolean("common.enabled"));
    }

    [Fact]
    public void Origins_of_resource_values_name_the_assembly_and_resource()
    {
        var config = Config.FromResource(_assembly, Prefix + "app.conf");

        Assert.Equal(new ConfigOrigin($"Orchestrator.Hocon.Tests:{Prefix}defaults.conf", 3, 10), config.OriginOf("app.port"));
    }

    [Fact]
    public void A_missing_resource_is_a_config_exception_naming_it()
    {
        var error = Assert.Throws<ConfigException>(() => Config.FromResource(_assembly, "nope.conf"));

        Assert.Equal("Orchestrator.Hocon.Tests:nope.conf", error.SourceName);
        Assert.Contains(Prefix + "app.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_resource_include_names_the_include_position()
    {
        ErrorAssert.ThrowsAt(() => Config.FromResource(_assembly, Prefix + "missing-required.conf"), 2, 1,
            "required include required(\"absent.conf\") was not found", source: $"Orchestrator.Hocon.Tests:{Prefix}missing-required.conf");
    }

    [Fact]
    public void A_resource_include_cycle_is_reported()
    {
        ErrorAssert.ThrowsAt(() => Config.FromResource(_assembly, Prefix + "cycle-a.conf"), 1, 1,
            "include cycle", source: $"Orchestrator.Hocon.Tests:{Prefix}cycle-b.conf");
    }
}
