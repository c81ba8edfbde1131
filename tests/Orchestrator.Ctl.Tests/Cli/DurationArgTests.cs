using Orchestrator.Ctl.Cli;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Tests.Cli;

public sealed class DurationArgTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("90", 90)]
    [InlineData("10s", 10)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("250ms", 0.25)]
    public void Go_durations_and_bare_seconds_are_read(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationArg.Parse(text, "timeout"));

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("-3s")]
    public void A_malformed_duration_names_the_flag(string text)
    {
        var error = Assert.Throws<CtlException>(() => DurationArg.Parse(text, "since"));
        Assert.StartsWith($"error: invalid argument \"{text}\" for \"since\" flag", error.Message);
    }
}
