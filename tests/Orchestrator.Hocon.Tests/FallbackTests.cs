using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class FallbackTests
{
    private static readonly Config _reference = TestConfig.Parse("""
        orchestrator {
          port = 2552
          dispatcher { throughput = 5, type = default }
          tags = [core]
        }
        """);

    [Fact]
    public void The_primary_config_wins_and_the_fallback_fills_the_gaps()
    {
        var config = TestConfig.Parse("orchestrator.port = 3000").WithFallback(_reference);

        Assert.Equal(3000, config.GetInt("orchestrator.port"));
        Assert.Equal(5, config.GetInt("orchestrator.dispatcher.throughput"));
    }

    [Fact]
    public void Objects_merge_key_by_key_across_fallbacks()
    {
        var config = TestConfig.Parse("orchestrator.dispatcher.throughput = 1").WithFallback(_reference);

        Assert.Equal(1, config.GetInt("orchestrator.dispatcher.throughput"));
        Assert.Equal("default", config.GetString("orchestrator.dispatcher.type"));
    }

    [Fact]
    public void WithFallback_returns_a_new_config_and_leaves_both_inputs_unchanged()
    {
        var primary = TestConfig.Parse("orchestrator.port = 3000");

        var merged = primary.WithFallback(_reference);

        Assert.NotSame(primary, merged);
        Assert.False(primary.HasPath("orchestrator.dispatcher"));
        Assert.Equal(2552, _reference.GetInt("orchestrator.port"));
    }

    [Fact]
    public void Substitutions_resolve_against_the_merged_configuration()
    {
        var library = TestConfig.Parse("""
            timeouts.base = 1s
            timeouts.ask = ${timeouts.base}
            """);
        var application = TestConfig.Parse("timeouts.base = 3s");

        var config = application.WithFallback(library);

        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("timeouts.ask"));
        Assert.Equal(TimeSpan.FromSeconds(1), library.GetTimeSpan("timeouts.ask"));
    }

    [Fact]
    public void A_substitution_unresolvable_alone_resolves_once_the_fallback_provides_it()
    {
        var application = TestConfig.Parse("address = ${host}\":\"${port}");

        var config = application.WithFallback(TestConfig.Parse("host = localhost\nport = 80"));

        Assert.Equal("localhost:80", config.GetString("address"));
        Assert.Throws<ConfigException>(() => application.Resolve());
    }

    [Fact]
    public void A_self_reference_extends_the_value_from_the_fallback()
    {
        var config = TestConfig.Parse("orchestrator.tags = ${orchestrator.tags} [extra]").WithFallback(_reference);

        Assert.Equal(["core", "extra"], config.GetStringList("orchestrator.tags"));
    }

    [Fact]
    public void Only_adjacent_objects_merge_across_a_chain_of_fallbacks()
    {
        var first = TestConfig.Parse("a { x = 1 }");
        var second = TestConfig.Parse("a = 42");
        var third = TestConfig.Parse("a { y = 2 }");

        Assert.Equal(["x"], first.WithFallback(second).WithFallback(third).GetConfig("a").Keys);
        Assert.Equal(["y", "x"], first.WithFallback(third).WithFallback(second).GetConfig("a").Keys);
    }

    [Fact]
    public void Setting_null_and_then_an_object_discards_the_fallback_object()
    {
        var config = TestConfig.Parse("""
            orchestrator.dispatcher = null
            orchestrator.dispatcher { type = pinned }
            """).WithFallback(_reference);

        Assert.Equal(["type"], config.GetConfig("orchestrator.dispatcher").Keys);
        Assert.Equal(2552, config.GetInt("orchestrator.port"));
    }

    [Fact]
    public void A_cleared_object_copied_by_substitution_or_taken_as_sub_config_merges_normally_again()
    {
        var config = TestConfig.Parse("""
            cleared = null
            cleared { a = 1 }
            copy = { b = 2 } ${cleared}
            """);

        Assert.Equal(["b", "a"], config.GetConfig("copy").Keys);
        Assert.Equal(["a", "c"], config.GetConfig("cleared").WithFallback(TestConfig.Parse("c = 3")).Keys.Order());
    }

    [Fact]
    public void Empty_configs_are_neutral_in_fallback_chains()
    {
        Assert.Equal(2552, Config.Empty.WithFallback(_reference).GetInt("orchestrator.port"));
        Assert.Equal(2552, _reference.WithFallback(Config.Empty).GetInt("orchestrator.port"));
    }

    [Fact]
    public void A_sub_config_can_itself_take_a_fallback()
    {
        var dispatcher = _reference.GetConfig("orchestrator.dispatcher")
            .WithFallback(TestConfig.Parse("executor = fork-join"));

        Assert.Equal(["executor", "throughput", "type"], dispatcher.Keys.Order());
        Assert.Equal("fork-join", dispatcher.GetString("executor"));
    }
}
