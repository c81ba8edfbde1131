using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class ConcatenationTests
{
    [Fact]
    public void String_concatenation_keeps_inner_whitespace_and_trims_the_ends()
    {
        var config = TestConfig.Parse("""
            x = world
            a =   foo   bar ${x}   
            """);

        Assert.Equal("foo   bar world", config.GetString("a"));
    }

    [Fact]
    public void Quoted_and_unquoted_pieces_join_without_added_spaces()
    {
        var config = TestConfig.Parse("""
            dir = /var
            path = ${dir}"/lib "orchestrator
            """);

        Assert.Equal("/var/lib orchestrator", config.GetString("path"));
    }

    [Fact]
    public void Numbers_and_booleans_in_a_concatenation_keep_their_written_form()
    {
        var config = TestConfig.Parse("a = 1.50 true null");

        Assert.Equal("1.50 true null", config.GetString("a"));
    }

    [Fact]
    public void Array_concatenation_joins_lists()
    {
        var config = TestConfig.Parse("""
            base = [1, 2]
            literal = [1] [2, 3]
            combined = ${base} [3]
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("literal"));
        Assert.Equal([1, 2, 3], config.GetIntList("combined"));
    }

    [Fact]
    public void Object_concatenation_merges_objects_with_later_keys_winning()
    {
        var config = TestConfig.Parse("""
            defaults { throughput = 5, type = dispatcher }
            literal = { a = 1 } { b = 2 }
            pinned = ${defaults} { throughput = 1 }
            """);

        Assert.Equal(["a", "b"], config.GetConfig("literal").Keys);
        Assert.Equal(1, config.GetInt("pinned.throughput"));
        Assert.Equal("dispatcher", config.GetString("pinned.type"));
    }

    [Fact]
    public void A_substituted_null_becomes_an_empty_string()
    {
        var config = TestConfig.Parse("""
            suffix = null
            name = node${suffix}-1
            """);

        Assert.Equal("node-1", config.GetString("name"));
    }

    [Fact]
    public void Concatenating_a_list_with_a_string_is_an_error_at_the_string()
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse("a = [1] text"), 1, 9, "cannot concatenate a list with a string");
    }

    [Fact]
    public void Concatenating_a_substituted_object_with_a_string_is_an_error_at_the_substitution()
    {
        var config = TestConfig.Parse("""
            obj { a = 1 }
            s = text ${obj}
            """);

        ErrorAssert.ThrowsAt(() => config.Resolve(), 2, 10, "cannot concatenate a string with an object");
    }
}
