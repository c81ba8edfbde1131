using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_include_is_resolved_relative_to_the_including_file()
    {
        _directory.Write("conf/defaults.conf", "port = 2552\nhost = localhost");
        var main = _directory.Write("conf/app.conf", """
            include "defaults.conf"
            host = node-1
            """);

        var config = Config.ParseFile(main);

        Assert.Equal(2552, config.GetInt("port"));
        Assert.Equal("node-1", config.GetString("host"));
    }

    [Fact]
    public void Nested_includes_are_resolved_relative_to_each_included_file()
    {
        _directory.Write("conf/shared/base.conf", "include \"more/deep.conf\"\nbase = true");
        _directory.Write("conf/shared/more/deep.conf", "deep = true");
        var main = _directory.Write("conf/app.conf", "include \"shared/base.conf\"");

        var config = Config.ParseFile(main);

        Assert.True(config.GetBoolean("base"));
        Assert.True(config.GetBoolean("deep"));
    }

    [Fact]
    public void File_and_required_forms_include_files()
    {
        _directory.Write("a.conf", "a = 1");
        _directory.Write("b.conf", "b = 2");
        _directory.Write("c.conf", "c = 3");
        var main = _directory.Write("main.conf", """
            include file("a.conf")
            include required("b.conf")
            include required(file("c.conf"))
            """);

        var config = Config.ParseFile(main);

        Assert.Equal(["a", "b", "c"], config.Keys);
    }

    [Fact]
    public void Included_keys_override_earlier_keys_and_later_keys_override_included_ones()
    {
        _directory.Write("mid.conf", "x = included\ny = included\nobj { b = 2 }");
        var main = _directory.Write("main.conf", """
            x = before
            obj { a = 1 }
            include "mid.conf"
            y = after
            """);

        var config = Config.ParseFile(main);

        Assert.Equal("included", config.GetString("x"));
        Assert.Equal("after", config.GetString("y"));
        Assert.Equal(["a", "b"], config.GetConfig("obj").Keys);
    }

    [Fact]
    public void A_missing_optional_include_is_ignored()
    {
        var main = _directory.Write("main.conf", "include \"nowhere.conf\"\na = 1");

        Assert.Equal(["a"], Config.ParseFile(main).Keys);
    }

    [Fact]
    public void A_missing_required_include_names_the_include_position()
    {
        var main = _directory.Write("main.conf", "a = 1\n  include required(\"nowhere.conf\")");

        var error = ErrorAssert.ThrowsAt(() => Config.ParseFile(main), 2, 3, "required include", source: main);
        Assert.Contains(_directory.PathOf("nowhere.conf"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_inside_an_object_nests_its_keys_and_its_substitutions()
    {
        _directory.Write("pool.conf", "size = 4\nmax = ${size}");
        var main = _directory.Write("main.conf", """
            pool { include "pool.conf" }
            pool { size = 8 }
            """);

        var config = Config.ParseFile(main);

        Assert.Equal(8, config.GetInt("pool.max"));
        Assert.False(config.HasPath("size"));
    }

    [Fact]
    public void A_substitution_in_a_nested_include_falls_back_to_the_root_path()
    {
        _directory.Write("pool.conf", "max = ${default-max}");
        var main = _directory.Write("main.conf", """
            default-max = 16
            pool { include "pool.conf" }
            """);

        Assert.Equal(16, Config.ParseFile(main).GetInt("pool.max"));
    }

    [Fact]
    public void An_include_cycle_is_reported_at_the_include_closing_it()
    {
        var first = _directory.Write("first.conf", "include \"second.conf\"");
        var second = _directory.Write("second.conf", "a = 1\ninclude \"first.conf\"");

        var error = ErrorAssert.ThrowsAt(() => Config.ParseFile(first), 2, 1, "include cycle", source: second);
        Assert.Contains($"{first} -> {second} -> {first}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_including_itself_is_a_cycle()
    {
        var self = _directory.Write("self.conf", "include \"self.conf\"");

        ErrorAssert.ThrowsAt(() => Config.ParseFile(self), 1, 1, "include cycle", source: self);
    }

    [Fact]
    public void The_same_file_may_be_included_twice_without_being_a_cycle()
    {
        _directory.Write("common.conf", "value = 1");
        var main = _directory.Write("main.conf", "a { include \"common.conf\" }\nb { include \"common.conf\" }");

        var config = Config.ParseFile(main);

        Assert.Equal(1, config.GetInt("a.value"));
        Assert.Equal(1, config.GetInt("b.value"));
    }

    [Fact]
    public void Errors_inside_an_included_file_name_that_file()
    {
        var broken = _directory.Write("broken.conf", "ok = 1\nbad = \"unterminated");
        var main = _directory.Write("main.conf", "include \"broken.conf\"");

        ErrorAssert.ThrowsAt(() => Config.ParseFile(main), 2, 7, "unterminated quoted string", source: broken);
    }

    [Fact]
    public void Origins_of_included_values_point_into_the_included_file()
    {
        var defaults = _directory.Write("defaults.conf", "\n  port = 2552");
        var main = _directory.Write("main.conf", "include \"defaults.conf\"");

        Assert.Equal(new ConfigOrigin(defaults, 2, 10), Config.ParseFile(main).OriginOf("port"));
    }

    [Fact]
    public void An_include_without_extension_loads_the_conf_file()
    {
        _directory.Write("defaults.conf", "a = 1");
        var main = _directory.Write("main.conf", "include \"defaults\"");

        Assert.Equal(1, Config.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void An_include_without_extension_merges_json_then_conf()
    {
        _directory.Write("defaults.json", """{ "a": 1, "b": 1 }""");
        _directory.Write("defaults.conf", "b = 2");
        var main = _directory.Write("main.conf", "include \"defaults\"");

        var config = Config.ParseFile(main);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Plus_equals_in_a_nested_include_appends_to_the_including_files_list()
    {
        _directory.Write("extra-roles.conf", "roles += gateway");
        var main = _directory.Write("main.conf", """
            node { roles = [worker] }
            node { include "extra-roles.conf" }
            """);

        Assert.Equal(["worker", "gateway"], Config.ParseFile(main).GetStringList("node.roles"));
    }

    [Fact]
    public void Include_must_be_followed_by_a_quoted_name()
    {
        var main = _directory.Write("main.conf", "x = 1\ninclude file(defaults.conf)");

        ErrorAssert.ThrowsAt(() => Config.ParseFile(main), 2, 1, "include must be followed by one quoted name", source: main);
    }

    [Fact]
    public void Url_includes_are_rejected_with_a_clear_error()
    {
        var main = _directory.Write("main.conf", "include url(\"http://example.com/a.conf\")");

        ErrorAssert.ThrowsAt(() => Config.ParseFile(main), 1, 1, "url() includes are not supported", source: main);
    }

    [Fact]
    public void A_missing_file_is_a_config_exception()
    {
        var missing = _directory.PathOf("missing.conf");

        ErrorAssert.ThrowsAt(() => Config.ParseFile(missing), 1, 1, "configuration file not found", source: missing);
    }

    [Fact]
    public void Parsed_strings_can_include_files_by_absolute_path()
    {
        var included = _directory.Write("absolute.conf", "a = 1");

        var config = TestConfig.Parse($"include \"{included.Replace("\\", "\\\\", StringComparison.Ordinal)}\"");

        Assert.Equal(1, config.GetInt("a"));
    }
}
