using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class SyntaxTests
{
    [Fact]
    public void Root_without_braces_is_an_object()
    {
        var config = TestConfig.Parse("""
            name = orchestrator
            port = 8080
            """);

        Assert.Equal("orchestrator", config.GetString("name"));
        Assert.Equal(8080, config.GetInt("port"));
    }

    [Fact]
    public void Root_with_braces_is_an_object()
    {
        var config = TestConfig.Parse("{ name = orchestrator, nested { x = 1 } }");

        Assert.Equal("orchestrator", config.GetString("name"));
        Assert.Equal(1, config.GetInt("nested.x"));
    }

    [Fact]
    public void Equals_colon_and_open_brace_all_separate_keys_from_values()
    {
        var config = TestConfig.Parse("""
            a = 1
            b : 2
            c { d = 3 }
            e = { f = 4 }
            """);

        Assert.Equal([1, 2, 3, 4], [config.GetInt("a"), config.GetInt("b"), config.GetInt("c.d"), config.GetInt("e.f")]);
    }

    [Fact]
    public void Dotted_paths_build_nested_objects()
    {
        var config = TestConfig.Parse("""
            a.b.c = 1
            a.b.d = 2
            """);

        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(["c", "d"], config.GetConfig("a.b").Keys);
    }

    [Fact]
    public void Quoted_keys_keep_dots_as_part_of_one_key()
    {
        var config = TestConfig.Parse("""
            "a.b" = 1
            x."y.z".w = 2
            """);

        Assert.Equal(["a.b", "x"], config.Keys);
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.Equal(2, config.GetInt("x.\"y.z\".w"));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Whitespace_between_key_words_is_part_of_the_key()
    {
        var config = TestConfig.Parse("a b c = 42");

        Assert.Equal(["a b c"], config.Keys);
        Assert.Equal(42, config.GetInt("\"a b c\""));
    }

    [Fact]
    public void Unquoted_include_later_in_a_key_is_an_ordinary_word()
    {
        var config = TestConfig.Parse("""
            foo include = 1
            "include" = 2
            bar = include
            """);

        Assert.Equal(1, config.GetInt("\"foo include\""));
        Assert.Equal(2, config.GetInt("include"));
        Assert.Equal("include", config.GetString("bar"));
    }

    [Fact]
    public void Commas_and_newlines_both_separate_fields_and_a_trailing_comma_is_allowed()
    {
        var config = TestConfig.Parse("""
            { a = 1, b = 2,
              c = 3
              d = 4, }
            """);

        Assert.Equal(["a", "b", "c", "d"], config.Keys);
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_a_trailing_comma()
    {
        var config = TestConfig.Parse("""
            inline = [1, 2, 3,]
            lines = [
              one
              "two"
              3
            ]
            empty = []
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("inline"));
        Assert.Equal(["one", "two", "3"], config.GetStringList("lines"));
        Assert.Empty(config.GetStringList("empty"));
    }

    [Fact]
    public void A_comma_may_start_the_line_after_a_value()
    {
        var config = TestConfig.Parse("""
            list = [ one
                   , two
                   ]
            a = 1
            , b = 2
            """);

        Assert.Equal(["one", "two"], config.GetStringList("list"));
        Assert.Equal(["list", "a", "b"], config.Keys);
    }

    [Fact]
    public void Arrays_can_hold_objects_and_nested_arrays()
    {
        var config = TestConfig.Parse("""
            nodes = [{ name = a, port = 1 }, { name = b, port = 2 }]
            matrix = [[1, 2], [3]]
            """);

        Assert.Contains("name = \"b\"", config.Render(), StringComparison.Ordinal);
        Assert.Equal("[[1, 2], [3]]", config.AsEnumerable().Single(pair => pair.Key == "matrix").Value);
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_but_not_inside_quotes()
    {
        var config = TestConfig.Parse("""
            # a comment
            a = 1 // trailing comment
            b = "not # a comment // at all" # real comment
            // c = 3
            """);

        Assert.Equal(["a", "b"], config.Keys);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("not # a comment // at all", config.GetString("b"));
    }

    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var config = TestConfig.Parse("""
            s = "tab\tline\nquote\" backslash\\ slash\/ unicode\u0041"
            """);

        Assert.Equal("tab\tline\nquote\" backslash\\ slash/ unicodeA", config.GetString("s"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = TestConfig.Parse("s = \"\"\"first \"quoted\" \\n\nsecond\"\"\"\nafter = 1");

        Assert.Equal("first \"quoted\" \\n\nsecond", config.GetString("s"));
        Assert.Equal(1, config.GetInt("after"));
    }

    [Fact]
    public void Quotes_before_the_closing_triple_quote_belong_to_the_string()
    {
        var config = TestConfig.Parse("s = \"\"\"x\"\"\"\"\"");

        Assert.Equal("x\"\"", config.GetString("s"));
    }

    [Fact]
    public void Unquoted_text_is_a_string()
    {
        var config = TestConfig.Parse("host = node-1.cluster.local");

        Assert.Equal("node-1.cluster.local", config.GetString("host"));
    }

    [Fact]
    public void Numbers_booleans_and_null_keep_their_types()
    {
        var config = TestConfig.Parse("""
            int = -42
            double = 1.5e3
            yes = true
            no = false
            nothing = null
            """);

        Assert.Equal(-42, config.GetInt("int"));
        Assert.Equal(1500d, config.GetDouble("double"));
        Assert.True(config.GetBoolean("yes"));
        Assert.False(config.GetBoolean("no"));
        Assert.False(config.HasPath("nothing"));
        Assert.Contains("int = -42", config.Render(), StringComparison.Ordinal);
        Assert.Contains("nothing = null", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_followed_by_letters_is_a_string()
    {
        var config = TestConfig.Parse("a = 10.0bar");

        Assert.Equal("10.0bar", config.GetString("a"));
        Assert.Contains("a = \"10.0bar\"", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_in_keys_split_on_their_dots()
    {
        var config = TestConfig.Parse("1.5 = x");

        Assert.Equal("x", config.GetString("1.5"));
        Assert.Equal(["5"], config.GetConfig("1").Keys);
    }

    [Fact]
    public void Json_documents_are_valid_hocon()
    {
        var config = TestConfig.Parse("""
            {
              "name": "orchestrator",
              "replicas": 3,
              "labels": { "tier": "backend" },
              "ports": [80, 443],
              "enabled": true
            }
            """);

        Assert.Equal("backend", config.GetString("labels.tier"));
        Assert.Equal([80, 443], config.GetIntList("ports"));
        Assert.True(config.GetBoolean("enabled"));
    }

    [Fact]
    public void An_empty_document_is_an_empty_configuration()
    {
        Assert.True(TestConfig.Parse("  \n # only a comment\n").IsEmpty);
        Assert.True(TestConfig.Parse("{}").IsEmpty);
        Assert.True(Config.Empty.IsEmpty);
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var config = TestConfig.Parse("a = 1\r\nb = two\r\n");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("two", config.GetString("b"));
    }

    [Fact]
    public void A_value_may_start_on_the_line_after_the_separator()
    {
        var config = TestConfig.Parse("a =\n  5");

        Assert.Equal(5, config.GetInt("a"));
    }
}
