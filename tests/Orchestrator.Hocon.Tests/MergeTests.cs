using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class MergeTests
{
    [Fact]
    public void A_later_value_wins_for_a_duplicate_key()
    {
        var config = TestConfig.Parse("""
            a = 1
            a = 2
            """);

        Assert.Equal(2, config.GetInt("a"));
    }

    [Fact]
    public void Duplicate_objects_merge_recursively()
    {
        var config = TestConfig.Parse("""
            server { host = localhost, tls { enabled = false, port = 443 } }
            server { port = 8080, tls { enabled = true } }
            """);

        Assert.Equal("localhost", config.GetString("server.host"));
        Assert.Equal(8080, config.GetInt("server.port"));
        Assert.True(config.GetBoolean("server.tls.enabled"));
        Assert.Equal(443, config.GetInt("server.tls.port"));
    }

    [Fact]
    public void Dotted_keys_merge_into_an_object_defined_with_braces()
    {
        var config = TestConfig.Parse("""
            a { x = 1 }
            a.y = 2
            """);

        Assert.Equal(["x", "y"], config.GetConfig("a").Keys);
    }

    [Fact]
    public void Null_between_two_objects_prevents_their_merge()
    {
        var config = TestConfig.Parse("""
            foo { a = 42 }
            foo = null
            foo { b = 43 }
            """);

        Assert.Equal(["b"], config.GetConfig("foo").Keys);
    }

    [Fact]
    public void A_plain_value_hides_an_earlier_object_and_an_object_replaces_a_plain_value()
    {
        var config = TestConfig.Parse("""
            a { x = 1 }
            a = 5
            b = 5
            b { y = 2 }
            """);

        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        var config = TestConfig.Parse("""
            seeds = [a, b]
            seeds += c
            seeds += d
            """);

        Assert.Equal(["a", "b", "c", "d"], config.GetStringList("seeds"));
    }

    [Fact]
    public void Plus_equals_appends_a_list_as_one_nested_element_as_the_spec_defines()
    {
        var config = TestConfig.Parse("""
            matrix = [[1]]
            matrix += [2, 3]
            """);

        Assert.Equal("[[1], [2, 3]]", config.AsEnumerable().Single().Value);
    }

    [Fact]
    public void Plus_equals_on_a_missing_key_starts_a_new_array()
    {
        var config = TestConfig.Parse("ports += 80");

        Assert.Equal([80], config.GetIntList("ports"));
    }

    [Fact]
    public void Plus_equals_works_inside_nested_objects()
    {
        var config = TestConfig.Parse("""
            cluster { roles = [worker] }
            cluster { roles += gateway }
            """);

        Assert.Equal(["worker", "gateway"], config.GetStringList("cluster.roles"));
    }

    [Fact]
    public void Plus_equals_appends_to_a_list_from_the_fallback()
    {
        var config = TestConfig.Parse("roles += gateway")
            .WithFallback(TestConfig.Parse("roles = [worker]"));

        Assert.Equal(["worker", "gateway"], config.GetStringList("roles"));
    }
}
