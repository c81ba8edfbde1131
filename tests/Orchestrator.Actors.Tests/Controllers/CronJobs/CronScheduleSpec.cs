using Orchestrator.Actors.Controllers.CronJobs;

namespace Orchestrator.Actors.Tests.Controllers.CronJobs;

/// <summary>The five-field cron parser and its next-time computation (pure).</summary>
public sealed class CronScheduleSpec
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("* * * * *", "2026-03-10T10:15:30", "2026-03-10T10:16:00")]
    [InlineData("*/15 * * * *", "2026-03-10T10:15:00", "2026-03-10T10:30:00")]
    [InlineData("5 * * * *", "2026-03-10T10:05:00", "2026-03-10T11:05:00")]
    [InlineData("0 9-17/4 * * *", "2026-03-10T09:00:00", "2026-03-10T13:00:00")]
    [InlineData("30 2 * * *", "2026-12-31T03:00:00", "2027-01-01T02:30:00")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00", "2028-02-29T00:00:00")]
    [InlineData("0 12 * * mon-fri", "2026-03-13T12:00:00", "2026-03-16T12:00:00")] // Friday → Monday
    [InlineData("0 0 * * 7", "2026-03-10T00:00:00", "2026-03-15T00:00:00")] // 7 is Sunday
    [InlineData("0 0 1,15 * *", "2026-03-01T00:00:00", "2026-03-15T00:00:00")]
    [InlineData("0 0 13 * fri", "2026-03-01T00:00:00", "2026-03-06T00:00:00")] // either day field: Friday the 6th
    [InlineData("0 0 1 jan,jul *", "2026-02-01T00:00:00", "2026-07-01T00:00:00")]
    [InlineData("@hourly", "2026-03-10T10:00:00", "2026-03-10T11:00:00")]
    [InlineData("@weekly", "2026-03-10T10:00:00", "2026-03-15T00:00:00")]
    [InlineData("@yearly", "2026-03-10T10:00:00", "2027-01-01T00:00:00")]
    [InlineData("10/20 * * * *", "2026-03-10T10:31:00", "2026-03-10T10:50:00")]
    public void Next_is_the_first_matching_minute_strictly_after(string schedule, string after, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse(schedule).Next(At(after)));

    [Fact]
    public void A_date_that_never_comes_has_no_next_time() =>
        Assert.Null(CronSchedule.Parse("0 0 30 2 *").Next(At("2026-01-01T00:00:00")));

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields")]
    [InlineData("60 * * * *", "minute: \"60\" is not a value from 0 to 59")]
    [InlineData("* 24 * * *", "hour")]
    [InlineData("* * 0 * *", "day-of-month")]
    [InlineData("* * * 13 *", "month")]
    [InlineData("* * * * 8", "day-of-week")]
    [InlineData("*/0 * * * *", "bad step")]
    [InlineData("5-1 * * * *", "ends before it starts")]
    [InlineData("@fortnightly", "unknown schedule descriptor")]
    [InlineData("* * * foo *", "month: \"foo\"")]
    public void A_bad_schedule_names_the_field(string schedule, string message)
    {
        Assert.False(CronSchedule.TryParse(schedule, out _, out var error));
        Assert.Contains(message, error);
    }
}
