using Orchestrator.NodeAgent.Agent;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>The arithmetic behind resource metrics: CPU rates from cumulative readings, busy time from /proc/stat.</summary>
public sealed class UsageMathTests
{
    [Theory]
    [InlineData(0UL, 1_000_000_000UL, 1000, 1_000_000_000L)]   // one CPU-second in one second: one core
    [InlineData(0UL, 250_000_000UL, 1000, 250_000_000L)]       // 250m
    [InlineData(1_000UL, 1_000UL, 1000, 0L)]                   // idle
    [InlineData(0UL, 1_000_000_000UL, 2000, 500_000_000L)]     // over two seconds: half a core
    public void Cpu_use_is_the_rate_between_two_cumulative_readings(ulong before, ulong after, int elapsedMs, long nanocores) =>
        Assert.Equal(nanocores, UsageSampler.CpuNanocores(before, after, TimeSpan.FromMilliseconds(elapsedMs)));

    [Theory]
    [InlineData(5UL, 4UL, 1000)]   // the counter went back (a new container under the same id cannot, but a bad reading can)
    [InlineData(1UL, 2UL, 0)]      // no time passed
    public void Readings_that_cannot_be_compared_give_no_rate(ulong before, ulong after, int elapsedMs) =>
        Assert.Null(UsageSampler.CpuNanocores(before, after, TimeSpan.FromMilliseconds(elapsedMs)));

    [Fact]
    public void Busy_jiffies_leave_out_idle_and_iowait()
    {
        const string stat = "cpu  100 5 50 1000 20 3 2 1 7 0\ncpu0 50 2 25 500 10 1 1 0 0 0\nintr 1\n";

        // user + nice + system + irq + softirq + steal; guest is already counted in user.
        Assert.Equal(161UL, HostUsage.ParseBusyJiffies(stat));
    }

    [Fact]
    public void A_stat_file_without_the_cpu_line_gives_nothing() => Assert.Null(HostUsage.ParseBusyJiffies("intr 1\n"));
}
