using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class SubstitutionTests
{
    [Fact]
    public void A_lone_substitution_keeps_the_type_of_the_value()
    {
        var config = TestConfig.Parse("""
            port = 8080
            ports = [1, 2]
            copy = ${port}
            list = ${ports}
            """);

        Assert.Equal(8080, config.GetInt("copy"));
        Assert.Contains("copy = 8080", config.Render(), StringComparison.Ordinal);
        Assert.Equal([1, 2], config.GetIntList("list"));
    }

    [Fact]
    public void Substitutions_copy_whole_objects()
    {
        var config = TestConfig.Parse("""
            defaults { retries = 3, backoff = 1s }
            service = ${defaults}
            """);

        Assert.Equal(3, config.GetInt("service.retries"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("service.backoff"));
    }

    [Fact]
    public void Substitutions_can_refer_forward_and_through_other_substitutions()
    {
        var config = TestConfig.Parse("""
            a = ${b}
            b = ${c.d}
            c.d = deep
            """);

        Assert.Equal("deep", config.GetString("a"));
    }

    [Fact]
    public void A_substitution_sees_the_last_assigned_value()
    {
        var config = TestConfig.Parse("""
            ref = ${value}
            value = first
            value = second
            """);

        Assert.Equal("second", config.GetString("ref"));
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var config = TestConfig.Parse("bar : { foo : 42, baz : ${bar.foo} }");

        Assert.Equal(42, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Substitutions_inside_quoted_strings_are_literal_text()
    {
        var config = TestConfig.Parse("""a = "${not.a.substitution}" """);

        Assert.Equal("${not.a.substitution}", config.GetString("a"));
    }

    [Fact]
    public void Substitution_paths_may_quote_keys_with_dots()
    {
        var config = TestConfig.Parse("""
            "a.b" { c = 1 }
            d = ${"a.b".c}
            """);

        Assert.Equal(1, config.GetInt("d"));
    }

    [Fact]
    public void A_self_referential_string_extends_the_previous_value()
    {
        var config = TestConfig.Parse("""
            path = /usr/bin
            path = ${path}":/opt/bin"
            """);

        Assert.Equal("/usr/bin:/opt/bin", config.GetString("path"));
    }

    [Fact]
    public void A_self_referential_list_extends_the_previous_list()
    {
        var config = TestConfig.Parse("""
            list = [1, 2]
            list = ${list} [3]
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("list"));
    }

    [Fact]
    public void Self_references_inside_nested_objects_use_the_earlier_value_of_that_field()
    {
        var config = TestConfig.Parse("""
            akka { loggers = [console] }
            akka { loggers = ${akka.loggers} [file] }
            """);

        Assert.Equal(["console", "file"], config.GetStringList("akka.loggers"));
    }

    [Fact]
    public void Self_reference_to_a_child_reads_the_earlier_object_as_in_the_spec()
    {
        var config = TestConfig.Parse("""
            foo : { a : { c : 1 } }
            foo : ${foo.a}
            foo : { a : 2 }
            """);

        Assert.Equal(2, config.GetInt("foo.a"));
        Assert.Equal(1, config.GetInt("foo.c"));
    }

    [Fact]
    public void An_object_overriding_a_substitution_can_refer_to_its_own_siblings()
    {
        var config = TestConfig.Parse("""
            base { timeout = 1s }
            service = ${base}
            service { retry = ${service.interval}, interval = 5s }
            """);

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("service.retry"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("service.timeout"));
    }

    [Fact]
    public void An_optional_substitution_to_a_missing_path_leaves_the_field_out()
    {
        var config = TestConfig.Parse($$"""
            a = ${?{{TestEnvironmentVariable.UnsetName()}}}
            b = 1
            """);

        Assert.Equal(["b"], config.Keys);
        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void An_optional_substitution_to_a_missing_path_keeps_the_earlier_value()
    {
        var config = TestConfig.Parse($$"""
            port = 8080
            port = ${?{{TestEnvironmentVariable.UnsetName()}}}
            """);

        Assert.Equal(8080, config.GetInt("port"));
    }

    [Fact]
    public void Optional_self_reference_without_earlier_value_starts_from_nothing()
    {
        var config = TestConfig.Parse("""
            list = ${?list} [1]
            name = ${?name}suffix
            """);

        Assert.Equal([1], config.GetIntList("list"));
        Assert.Equal("suffix", config.GetString("name"));
    }

    [Fact]
    public void A_missing_optional_list_element_is_dropped()
    {
        var config = TestConfig.Parse($$"""
            list = [1, ${?{{TestEnvironmentVariable.UnsetName()}}}, 3]
            """);

        Assert.Equal([1, 3], config.GetIntList("list"));
    }

    [Fact]
    public void An_unresolved_required_substitution_names_file_line_column_and_path()
    {
        var config = TestConfig.Parse("""
            a = 1
            b = prefix ${missing.path}
            """);

        var error = ErrorAssert.ThrowsAt(() => config.GetString("a"), 2, 12, "${missing.path}");
        Assert.Contains("'missing.path'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_substitution_cycle_is_reported_at_the_substitution_closing_it()
    {
        var config = TestConfig.Parse("""
            a = ${b}
            b = ${c}
            c = ${a}
            """);

        var error = ErrorAssert.ThrowsAt(() => config.Resolve(), 3, 5, "substitution cycle");
        Assert.Contains("${b}", error.Message, StringComparison.Ordinal);
        Assert.Contains("${c}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_containing_a_substitution_of_itself_is_a_cycle()
    {
        var config = TestConfig.Parse("a { b = ${a} }");

        ErrorAssert.ThrowsAt(() => config.Resolve(), 1, 9, "substitution cycle");
    }

    [Fact]
    public void A_required_self_reference_without_earlier_value_is_an_error()
    {
        var config = TestConfig.Parse("path = ${path}/bin");

        ErrorAssert.ThrowsAt(() => config.Resolve(), 1, 8, "no earlier value");
    }

    [Fact]
    public void A_value_overriding_a_broken_substitution_means_it_is_never_resolved()
    {
        var config = TestConfig.Parse("""
            a = ${does.not.exist}
            a = 1
            """);

        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void Resolution_errors_surface_from_every_getter_and_are_not_thrown_by_parse()
    {
        var config = TestConfig.Parse("a = ${nope}");

        ErrorAssert.ThrowsAt(() => config.HasPath("a"), 1, 5, "${nope}");
        ErrorAssert.ThrowsAt(() => config.Keys, 1, 5, "${nope}");
        Assert.Contains("${nope}", config.ToString(), StringComparison.Ordinal);
    }
}
