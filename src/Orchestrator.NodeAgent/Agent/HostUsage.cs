using System.Globalization;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>One reading of the whole machine's use: busy CPU time so far and memory in use.</summary>
/// <param name="BusyCpuNanoseconds">CPU time spent outside idle and iowait since boot, all CPUs together (cumulative).</param>
/// <param name="MemoryWorkingSetBytes">MemTotal minus MemAvailable.</param>
/// <param name="Timestamp">When it was read.</param>
public sealed record HostUsage(ulong BusyCpuNanoseconds, ulong MemoryWorkingSetBytes, DateTimeOffset Timestamp)
{
    // USER_HZ: /proc/stat counts in hundredths of a second on every Linux the agent runs on.
    private const ulong NanosecondsPerJiffy = 10_000_000;

    /// <summary>Reads /proc/stat and /proc/meminfo; null when they cannot be read (not Linux).</summary>
    public static HostUsage? Read()
    {
        var busy = ParseBusyJiffies(HostFacts.ReadOrEmpty("/proc/stat"));
        var meminfo = HostFacts.ReadOrEmpty("/proc/meminfo");
        if (busy is not { } jiffies || meminfo.Length == 0)
        {
            return null;
        }

        var used = HostFacts.ParseMeminfoField(meminfo, "MemTotal") - HostFacts.ParseMeminfoField(meminfo, "MemAvailable");
        return new HostUsage(jiffies * NanosecondsPerJiffy, (ulong)Math.Max(0, used), DateTimeOffset.UtcNow);
    }

    /// <summary>The busy jiffies of the aggregate <c>cpu</c> line of /proc/stat: every field but idle (4th) and iowait (5th), guests excluded (already in user).</summary>
    public static ulong? ParseBusyJiffies(string stat)
    {
        var line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).ToList();
        ulong busy = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            if (i is 3 or 4)
            {
                continue;
            }

            if (!ulong.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            busy += value;
        }

        return busy;
    }
}
