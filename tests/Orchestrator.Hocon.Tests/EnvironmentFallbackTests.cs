using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class EnvironmentFallbackTests
{
    [Fact]
    public void An_optional_substitution_missing_from_the_config_reads_the_environment_variable()
    {
        using var seeds = TestEnvironmentVariable.Set("node-1:2552,node-2:2552");
        var config = TestConfig.Parse($$"""
            cluster.seeds = ""
            cluster.seeds = ${?{{seeds.Name}}}
            """);

        Assert.Equal("node-1:2552,node-2:2552", config.GetString("cluster.seeds"));
    }

    [Fact]
    public void A_required_substitution_missing_from_the_config_reads_the_environment_variable()
    {
        using var port = TestEnvironmentVariable.Set("9090");
        var config = TestConfig.Parse($$"""port = ${{{port.Name}}}""");

        Assert.Equal(9090, config.GetInt("port"));
    }

    [Fact]
    public void A_missing_required_substitution_names_the_environment_variable_it_tried()
    {
        var name = TestEnvironmentVariable.UnsetName();
        var config = TestConfig.Parse($$"""port = ${{{name}}}""");

        ErrorAssert.ThrowsAt(() => config.GetInt("port"), 1, 8, $"no environment variable '{name}'");
    }

    [Fact]
    public void A_value_in_the_config_wins_over_the_environment_variable()
    {
        using var variable = TestEnvironmentVariable.Set("from-environment");
        var config = TestConfig.Parse($$"""
            {{variable.Name}} = from-config
            a = ${{{variable.Name}}}
            """);

        Assert.Equal("from-config", config.GetString("a"));
    }

    [Fact]
    public void A_null_in_the_config_blocks_the_environment_variable()
    {
        using var variable = TestEnvironmentVariable.Set("from-environment");
        var config = TestConfig.Parse($$"""
            {{variable.Name}} = null
            a = x${{{variable.Name}}}
            """);

        Assert.Equal("x", config.GetString("a"));
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_missing()
    {
        var root = Parser.ParseDocument(new IncludeSource(TestConfig.Source, TestConfig.Source, "a = 1\na = ${?EMPTY}", new FileIncludeResolver(".")));

        var resolved = SubstitutionResolver.Resolve(root, name => name == "EMPTY" ? string.Empty : null);

        Assert.Equal("1", ((HoconScalar)resolved["a"]).Text);
    }

    [Fact]
    public void Plus_equals_never_reads_an_environment_variable_of_the_same_name()
    {
        using var variable = TestEnvironmentVariable.Set("unexpected");
        var config = TestConfig.Parse($$"""{{variable.Name}} += expected""");

        Assert.Equal(["expected"], config.GetStringList(variable.Name));
    }
}
