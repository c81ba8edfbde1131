using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("5 seconds", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3 minutes", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("2 days", 2 * TimeSpan.TicksPerDay)]
    [InlineData("10us", 10 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1500ns", 15)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("750", 750 * TimeSpan.TicksPerMillisecond)]
    [InlineData("\"100 millis\"", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("-1s", -TimeSpan.TicksPerSecond)]
    public void Durations_are_read_with_units(string text, long expectedTicks)
    {
        var config = TestConfig.Parse($"timeout = {text}");

        Assert.Equal(TimeSpan.FromTicks(expectedTicks), config.GetTimeSpan("timeout"));
    }

    [Fact]
    public void A_bare_number_is_milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(30), TestConfig.Parse("t = 30").GetTimeSpan("t"));
    }

    [Fact]
    public void Infinite_is_the_infinite_timeout()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, TestConfig.Parse("t = infinite").GetTimeSpan("t"));
    }

    [Fact]
    public void An_unknown_unit_names_the_key_the_value_and_its_position()
    {
        var config = TestConfig.Parse("a = 1\ntimeouts { ask = 5 parsecs }");

        var error = ErrorAssert.ThrowsAt(() => config.GetTimeSpan("timeouts.ask"), 2, 18, "setting 'timeouts.ask': invalid duration '5 parsecs'");
        Assert.Contains("unknown time unit 'parsecs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_units_are_case_sensitive_as_in_the_spec()
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse("t = 5S").GetTimeSpan("t"), 1, 5, "unknown time unit 'S'");
    }

    [Fact]
    public void Text_without_a_number_is_not_a_duration()
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse("t = soon").GetTimeSpan("t"), 1, 5, "invalid duration 'soon'");
    }

    [Fact]
    public void A_duration_beyond_timespan_range_is_rejected()
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse("t = 99999999999 d").GetTimeSpan("t"), 1, 5, "too large");
    }
}
