using Orchestrator.Actors.Controllers.Framework;

namespace Orchestrator.Actors.Tests.Controllers.Framework;

public sealed class RetryLimiterSpec
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Per_key_delays_double_up_to_the_maximum_and_reset_when_forgotten()
    {
        var limiter = new RetryLimiter(new RetrySettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 1000, 1000), () => _now);

        var delays = Enumerable.Range(0, 5).Select(_ => limiter.NextDelay("a").TotalMilliseconds).ToList();

        Assert.Equal([10, 20, 40, 50, 50], delays);
        Assert.Equal(10, limiter.NextDelay("b").TotalMilliseconds);
        limiter.Forget("a");
        Assert.Equal(0, limiter.Failures("a"));
        Assert.Equal(10, limiter.NextDelay("a").TotalMilliseconds);
    }

    [Fact]
    public void The_overall_bucket_spaces_retries_once_the_burst_is_spent()
    {
        var limiter = new RetryLimiter(new RetrySettings(TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), 10, 2), () => _now);

        Assert.Equal(TimeSpan.FromTicks(1), limiter.NextDelay("a"));
        Assert.Equal(TimeSpan.FromTicks(1), limiter.NextDelay("b"));
        Assert.Equal(100, limiter.NextDelay("c").TotalMilliseconds, 3);
        Assert.Equal(200, limiter.NextDelay("d").TotalMilliseconds, 3);

        _now += TimeSpan.FromSeconds(1); // ten tokens back, capped at the burst of two
        Assert.Equal(TimeSpan.FromTicks(1), limiter.NextDelay("e"));
    }
}
