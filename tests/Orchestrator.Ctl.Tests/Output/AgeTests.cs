using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class AgeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(2 * 365 * 86400, "2y")]
    [InlineData(2 * 365 * 86400 + 30 * 86400, "2y30d")]
    [InlineData(9 * 365 * 86400 + 30 * 86400, "9y")]
    public void Durations_are_printed_as_kubectl_prints_ages(long seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_creation_slightly_in_the_future_reads_as_zero_and_far_in_the_future_as_invalid()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0s", Age.Since(now.AddMilliseconds(500), now));
        Assert.Equal("<invalid>", Age.Since(now.AddMinutes(5), now));
        Assert.Equal("<unknown>", Age.Since(null, now));
    }
}
