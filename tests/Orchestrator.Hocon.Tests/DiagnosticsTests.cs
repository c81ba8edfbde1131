using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class DiagnosticsTests
{
    private static readonly Config _config = TestConfig.Parse("""
        orchestrator {
          name = "main node"
          port = 2552
          "weird.key" = "line\nbreak"
          roles = [worker, "gateway"]
          empty {}
          nothing = null
        }
        flag = true
        nodes = [{ name = a }, { name = b }]
        """);

    [Fact]
    public void Render_produces_text_that_parses_back_to_the_same_settings()
    {
        var reparsed = Config.Parse(_config.Render(), "rendered");

        Assert.Equal(_config.AsEnumerable(), reparsed.AsEnumerable());
        Assert.Equal("line\nbreak", reparsed.GetString("orchestrator.\"weird.key\""));
    }

    [Fact]
    public void Render_is_readable_hocon_with_quoted_strings_and_nested_blocks()
    {
        var rendered = _config.Render();

        Assert.Contains("orchestrator {\n  name = \"main node\"\n  port = 2552\n", rendered, StringComparison.Ordinal);
        Assert.Contains("  \"weird.key\" = \"line\\nbreak\"\n", rendered, StringComparison.Ordinal);
        Assert.Contains("  roles = [\"worker\", \"gateway\"]\n", rendered, StringComparison.Ordinal);
        Assert.Contains("  empty {}\n", rendered, StringComparison.Ordinal);
        Assert.Contains("flag = true\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_shows_substitutions_resolved()
    {
        var config = TestConfig.Parse("a = 1\nb = ${a}");

        Assert.Equal("a = 1\nb = 1\n", config.Render());
    }

    [Fact]
    public void Render_of_an_empty_config_is_an_empty_object()
    {
        Assert.Equal("{}", Config.Empty.Render());
    }

    [Fact]
    public void AsEnumerable_flattens_leaves_to_paths_and_text_in_definition_order()
    {
        var pairs = _config.AsEnumerable().ToList();

        Assert.Equal(
            ["orchestrator.name", "orchestrator.port", "orchestrator.\"weird.key\"", "orchestrator.roles", "orchestrator.nothing", "flag", "nodes"],
            pairs.Select(pair => pair.Key));
        Assert.Equal("main node", pairs[0].Value);
        Assert.Equal("[\"worker\", \"gateway\"]", pairs[3].Value);
        Assert.Equal("null", pairs[4].Value);
        Assert.Equal("[{ name = \"a\" }, { name = \"b\" }]", pairs[6].Value);
    }

    [Fact]
    public void OriginOf_reports_file_line_and_column_of_the_value()
    {
        var origin = _config.OriginOf("orchestrator.port");

        Assert.Equal(new ConfigOrigin(TestConfig.Source, 3, 10), origin);
        Assert.Equal("test.conf:3:10", origin.ToString());
    }

    [Fact]
    public void OriginOf_a_missing_path_is_an_error()
    {
        ErrorAssert.ThrowsAt(() => _config.OriginOf("orchestrator.absent"), 1, 14, "no setting at path 'orchestrator.absent'");
    }

    [Fact]
    public void OriginOf_a_substituted_value_is_where_the_value_was_written()
    {
        var config = TestConfig.Parse("a = 1\nb = ${a}");

        Assert.Equal(new ConfigOrigin(TestConfig.Source, 1, 5), config.OriginOf("b"));
    }

    [Fact]
    public void ToString_renders_the_configuration()
    {
        Assert.Equal(_config.Render(), _config.ToString());
    }

    [Fact]
    public void Keys_lists_root_keys_in_definition_order()
    {
        Assert.Equal(["orchestrator", "flag", "nodes"], _config.Keys);
        Assert.False(_config.IsEmpty);
    }
}
