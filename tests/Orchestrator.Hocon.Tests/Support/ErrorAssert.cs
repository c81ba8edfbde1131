using Orchestrator.Hocon;
using Xunit;

namespace Orchestrator.Hocon.Tests.Support;

/// <summary>Asserts that configuration errors carry the expected position and wording.</summary>
internal static class ErrorAssert
{
    public static ConfigException ThrowsAt(Action action, int line, int column, string messagePart, string source = TestConfig.Source)
    {
        var exception = Assert.Throws<ConfigException>(action);
        Assert.Equal(source, exception.SourceName);
        Assert.Equal((line, column), (exception.Line, exception.Column));
        Assert.Contains(messagePart, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{source}:{line}:{column}: ", exception.Message, StringComparison.Ordinal);
        return exception;
    }

    public static ConfigException ThrowsAt(Func<object?> action, int line, int column, string messagePart, string source = TestConfig.Source) =>
        ThrowsAt(() => { _ = action(); }, line, column, messagePart, source);
}
