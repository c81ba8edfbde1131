using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class ErrorPositionTests
{
    [Theory]
    [InlineData("a = 1\nb = \"abc", 2, 5, "unterminated quoted string")]
    [InlineData("a = \"abc\nd\"", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"\"\"abc\n\n", 1, 5, "unterminated triple-quoted string")]
    [InlineData("a {\n  b = 1\n", 1, 3, "unbalanced braces: this '{' is never closed")]
    [InlineData("a = 1\n}", 2, 1, "unbalanced braces: '}' has no matching '{'")]
    [InlineData("{ a = 1 } }", 1, 11, "unbalanced braces: '}' has no matching '{'")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the closing '}' of the root object")]
    [InlineData("a = [1, 2", 1, 5, "unbalanced brackets: this '[' is never closed")]
    [InlineData("a = [1, 2}", 1, 10, "expected ',', a newline or ']' after a list element but found '}'")]
    [InlineData("a 1\nb = 2", 1, 4, "expected ':', '=', '+=' or '{' after key '\"a 1\"' but found newline")]
    [InlineData("a = \"x\\q\"", 1, 7, "invalid escape sequence '\\q'")]
    [InlineData("a = b@c", 1, 6, "reserved character '@'")]
    [InlineData("a = [1,,2]", 1, 8, "unexpected ','")]
    [InlineData("a = 1,,b = 2", 1, 7, "unexpected ','")]
    [InlineData("a..b = 1", 1, 1, "empty element")]
    [InlineData("a. = 1", 1, 1, "empty element")]
    [InlineData("x = 1\n  ${a} = 1", 2, 3, "substitutions are not allowed in keys")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("a = ${b..c}", 1, 5, "empty key")]
    [InlineData("a = $x", 1, 5, "'$' must start a substitution")]
    [InlineData("a = }", 1, 5, "expected a value for key 'a' but found '}'")]
    [InlineData("[1, 2]", 1, 1, "the root of a configuration must be an object")]
    [InlineData("a = 1 : 2", 1, 7, "expected ',' or a newline after the value of 'a' but found ':'")]
    [InlineData("a = 1 + 2", 1, 7, "'+' is only allowed as part of '+='")]
    [InlineData("a = \"\"\"x\ny\"\"\"\nb = $", 3, 5, "'$' must start a substitution")]
    [InlineData("= 1", 1, 1, "expected a key but found '='")]
    [InlineData("a = [1, 2] x", 1, 12, "cannot concatenate a list with a string")]
    public void Syntax_errors_report_the_position_where_the_problem_starts(string text, int line, int column, string message)
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse(text), line, column, message);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_an_error_rather_than_a_stack_overflow()
    {
        var text = "a = " + new string('[', 10_000) + new string(']', 10_000);

        ErrorAssert.ThrowsAt(() => TestConfig.Parse(text), 1, 5 + 256, "nested more than 256 levels deep");
    }

    [Fact]
    public void Error_properties_and_message_agree()
    {
        var error = Assert.Throws<ConfigException>(() => Config.Parse("a {\n  b = \"open\n}", "cluster.conf"));

        Assert.Equal("cluster.conf", error.SourceName);
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal(new ConfigOrigin("cluster.conf", 2, 7), error.Origin);
        Assert.Equal($"cluster.conf:2:7: {error.Reason}", error.Message);
    }

    [Fact]
    public void Parse_without_a_source_name_reports_the_string_pseudo_source()
    {
        var error = Assert.Throws<ConfigException>(() => Config.Parse("a = \"x"));

        Assert.StartsWith("<string>:1:5: ", error.Message, StringComparison.Ordinal);
    }
}
