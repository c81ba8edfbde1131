using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class GetterTests
{
    private static readonly Config _config = TestConfig.Parse("""
        name = orchestrator
        port = 8080
        big = 9000000000
        ratio = 0.75
        numeric-text = "42"
        whole-double = 1e3
        flags { a = yes, b = off, c = "true", d = maybe }
        nothing = null
        servers = [alpha, beta]
        ports = [80, "443"]
        mixed = [1, two]
        cluster { seed { host = node-1 } }
        """);

    [Fact]
    public void Scalars_are_read_with_their_types()
    {
        Assert.Equal("orchestrator", _config.GetString("name"));
        Assert.Equal(8080, _config.GetInt("port"));
        Assert.Equal(9_000_000_000L, _config.GetLong("big"));
        Assert.Equal(0.75, _config.GetDouble("ratio"));
        Assert.Equal(1000, _config.GetInt("whole-double"));
    }

    [Fact]
    public void Numbers_read_as_strings_keep_their_written_form()
    {
        Assert.Equal("8080", _config.GetString("port"));
        Assert.Equal("0.75", _config.GetString("ratio"));
    }

    [Fact]
    public void Numeric_strings_convert_to_numbers()
    {
        Assert.Equal(42, _config.GetInt("numeric-text"));
        Assert.Equal(42d, _config.GetDouble("numeric-text"));
    }

    [Theory]
    [InlineData("flags.a", true)]
    [InlineData("flags.b", false)]
    [InlineData("flags.c", true)]
    public void Booleans_accept_true_false_yes_no_on_off(string path, bool expected)
    {
        Assert.Equal(expected, _config.GetBoolean(path));
    }

    [Fact]
    public void Defaults_are_returned_for_missing_or_null_paths()
    {
        Assert.Equal("fallback", _config.GetString("missing", "fallback"));
        Assert.Null(_config.GetString("missing", null));
        Assert.Equal(7, _config.GetInt("nothing", 7));
        Assert.Equal(7L, _config.GetLong("missing.deeper", 7L));
        Assert.Equal(2.5, _config.GetDouble("missing", 2.5));
        Assert.True(_config.GetBoolean("missing", true));
        Assert.Equal(TimeSpan.FromSeconds(3), _config.GetTimeSpan("missing", TimeSpan.FromSeconds(3)));
        Assert.Equal(64L, _config.GetByteSize("missing", 64L));
        Assert.Equal(["x"], _config.GetStringList("missing", ["x"]));
        Assert.Equal([1], _config.GetIntList("missing", [1]));
    }

    [Fact]
    public void Defaults_do_not_hide_values_of_the_wrong_type()
    {
        ErrorAssert.ThrowsAt(() => _config.GetInt("name", 1), 1, 8, "setting 'name': expected a whole number but found 'orchestrator'");
    }

    [Fact]
    public void A_missing_path_names_the_path_and_the_origin_of_its_nearest_parent()
    {
        ErrorAssert.ThrowsAt(() => _config.GetString("cluster.seed.port"), 12, 16, "no setting at path 'cluster.seed.port'");
    }

    [Fact]
    public void A_null_value_without_default_is_an_error_at_the_null()
    {
        ErrorAssert.ThrowsAt(() => _config.GetString("nothing"), 8, 11, "setting 'nothing' is null");
    }

    [Fact]
    public void A_wrong_type_names_the_path_and_the_value_origin()
    {
        ErrorAssert.ThrowsAt(() => _config.GetString("servers"), 9, 11, "setting 'servers': expected a string but found a list");
        ErrorAssert.ThrowsAt(() => _config.GetBoolean("flags.d"), 7, 43, "expected a boolean");
        ErrorAssert.ThrowsAt(() => _config.GetInt("cluster"), 12, 9, "expected a whole number but found an object");
        ErrorAssert.ThrowsAt(() => _config.GetInt("ratio"), 4, 9, "expected a whole number but found '0.75'");
    }

    [Fact]
    public void Integers_that_do_not_fit_are_rejected()
    {
        ErrorAssert.ThrowsAt(() => _config.GetInt("big"), 3, 7, "does not fit in a 32-bit integer");
    }

    [Fact]
    public void Lists_are_read_element_by_element()
    {
        Assert.Equal(["alpha", "beta"], _config.GetStringList("servers"));
        Assert.Equal([80, 443], _config.GetIntList("ports"));
        Assert.Equal(["1", "two"], _config.GetStringList("mixed"));
    }

    [Fact]
    public void A_bad_list_element_is_named_by_index()
    {
        ErrorAssert.ThrowsAt(() => _config.GetIntList("mixed"), 11, 13, "setting 'mixed[1]'");
    }

    [Fact]
    public void A_string_is_not_converted_to_a_list()
    {
        ErrorAssert.ThrowsAt(() => _config.GetStringList("name"), 1, 8, "expected a list but found string 'orchestrator'");
    }

    [Fact]
    public void GetConfig_returns_the_sub_tree_with_relative_paths()
    {
        var seed = _config.GetConfig("cluster.seed");

        Assert.Equal("node-1", seed.GetString("host"));
        Assert.Equal(["host"], seed.Keys);
    }

    [Fact]
    public void GetConfig_of_a_missing_path_is_empty_and_of_a_non_object_is_an_error()
    {
        Assert.True(_config.GetConfig("absent.section").IsEmpty);
        ErrorAssert.ThrowsAt(() => _config.GetConfig("port"), 2, 8, "expected an object but found number '8080'");
    }

    [Fact]
    public void HasPath_is_true_only_for_present_non_null_values()
    {
        Assert.True(_config.HasPath("cluster.seed.host"));
        Assert.True(_config.HasPath("cluster"));
        Assert.False(_config.HasPath("nothing"));
        Assert.False(_config.HasPath("cluster.seed.host.deeper"));
        Assert.False(_config.HasPath("absent"));
    }

    [Fact]
    public void Getter_paths_may_quote_keys_containing_dots()
    {
        var config = TestConfig.Parse("""labels { "app.kubernetes.io/name" = web }""");

        Assert.Equal("web", config.GetString("labels.\"app.kubernetes.io/name\""));
    }

    [Fact]
    public void An_invalid_getter_path_is_a_config_exception()
    {
        var error = Assert.Throws<ConfigException>(() => _config.GetString("a..b"));

        Assert.Contains("empty key", error.Message, StringComparison.Ordinal);
    }
}
