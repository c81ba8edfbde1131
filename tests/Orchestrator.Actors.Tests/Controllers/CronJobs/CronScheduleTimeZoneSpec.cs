using Orchestrator.Actors.Controllers.CronJobs;

namespace Orchestrator.Actors.Tests.Controllers.CronJobs;

/// <summary>Schedules read in a time zone (pure).</summary>
public sealed class CronScheduleTimeZoneSpec
{
    private static readonly TimeZoneInfo _berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_fields_are_wall_clock_time_of_the_zone() =>
        Assert.Equal(Utc("2026-01-15T08:00:00"), CronSchedule.Parse("0 9 * * *").Next(Utc("2026-01-15T00:00:00"), _berlin)); // 09:00 CET = 08:00 UTC

    [Fact]
    public void A_time_the_zone_skips_does_not_occur() =>
        // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00): the next run is the following day.
        Assert.Equal(Utc("2026-03-30T00:30:00"), CronSchedule.Parse("30 2 * * *").Next(Utc("2026-03-28T12:00:00"), _berlin));

    [Fact]
    public void A_time_the_zone_repeats_occurs_once()
    {
        var schedule = CronSchedule.Parse("30 2 * * *");
        var first = schedule.Next(Utc("2026-10-24T12:00:00"), _berlin)!.Value; // 2026-10-25 02:30 CEST = 00:30 UTC
        Assert.Equal(Utc("2026-10-25T00:30:00"), first);
        Assert.Equal(Utc("2026-10-26T01:30:00"), schedule.Next(first, _berlin)); // not again at 02:30 CET the same night
    }
}
