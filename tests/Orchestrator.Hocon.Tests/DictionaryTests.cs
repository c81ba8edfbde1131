using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class DictionaryTests
{
    [Fact]
    public void Dictionary_keys_are_dotted_paths()
    {
        var config = Config.FromDictionary(new Dictionary<string, string>
        {
            ["cluster.port"] = "2552",
            ["cluster.host"] = "node-1",
            ["log-level"] = "debug",
        });

        Assert.Equal(2552, config.GetInt("cluster.port"));
        Assert.Equal("node-1", config.GetString("cluster.host"));
        Assert.Equal(["cluster", "log-level"], config.Keys);
    }

    [Fact]
    public void Dictionary_values_are_strings_even_when_they_look_like_other_types()
    {
        var config = Config.FromDictionary(new Dictionary<string, string> { ["a"] = "true", ["b"] = "${x}" });

        Assert.True(config.GetBoolean("a"));
        Assert.Equal("${x}", config.GetString("b"));
        Assert.Contains("a = \"true\"", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionary_overrides_take_precedence_over_a_file_and_feed_its_substitutions()
    {
        var file = TestConfig.Parse("""
            cluster { port = 2552, host = localhost }
            address = ${cluster.host}":"${cluster.port}
            """);
        var overrides = Config.FromDictionary(new Dictionary<string, string> { ["cluster.port"] = "3000" });

        var config = overrides.WithFallback(file);

        Assert.Equal("localhost:3000", config.GetString("address"));
    }

    [Fact]
    public void When_a_key_is_both_a_value_and_a_parent_the_object_wins()
    {
        var config = Config.FromDictionary(new Dictionary<string, string> { ["a"] = "hello", ["a.b"] = "world" });

        Assert.Equal("world", config.GetString("a.b"));
    }

    [Fact]
    public void Dictionary_values_report_their_entry_as_origin()
    {
        var config = Config.FromDictionary(new Dictionary<string, string> { ["timeout"] = "5 parsecs" });

        ErrorAssert.ThrowsAt(() => config.GetTimeSpan("timeout"), 1, 1, "invalid duration", source: "<dictionary entry 'timeout'>");
    }

    [Fact]
    public void An_invalid_dictionary_key_is_a_config_exception()
    {
        var error = Assert.Throws<ConfigException>(() => Config.FromDictionary(new Dictionary<string, string> { ["a..b"] = "x" }));

        Assert.Equal("<dictionary entry 'a..b'>", error.SourceName);
    }
}
