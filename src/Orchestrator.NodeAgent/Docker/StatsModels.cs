using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// One sample of <c>GET /containers/{id}/stats</c>. Docker names these fields in snake_case, unlike the
/// rest of the API.
/// </summary>
public sealed record ContainerStatsResponse
{
    /// <summary>When this sample was taken.</summary>
    [JsonPropertyName("read")]
    public DateTimeOffset Read { get; init; }

    /// <summary>When the previous sample (<see cref="PreCpuStats"/>) was taken.</summary>
    [JsonPropertyName("preread")]
    public DateTimeOffset PreRead { get; init; }

    /// <summary>Container id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Container name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Process counts.</summary>
    [JsonPropertyName("pids_stats")]
    public PidsStats? PidsStats { get; init; }

    /// <summary>CPU counters now.</summary>
    [JsonPropertyName("cpu_stats")]
    public CpuStats? CpuStats { get; init; }

    /// <summary>CPU counters of the previous sample; zero for a one-shot sample.</summary>
    [JsonPropertyName("precpu_stats")]
    public CpuStats? PreCpuStats { get; init; }

    /// <summary>Memory counters.</summary>
    [JsonPropertyName("memory_stats")]
    public MemoryStats? MemoryStats { get; init; }

    /// <summary>
    /// Memory in use the way <c>docker stats</c> counts it: usage minus reclaimable page cache.
    /// </summary>
    [JsonIgnore]
    public ulong MemoryUsageBytes
    {
        get
        {
            if (MemoryStats is not { Usage: { } usage })
            {
                return 0;
            }

            var stats = MemoryStats.Stats;
            // cgroup v1 reports total_inactive_file, v2 inactive_file.
            if (stats is not null &&
                (stats.TryGetValue("total_inactive_file", out var inactive) || stats.TryGetValue("inactive_file", out inactive)) &&
                inactive < usage)
            {
                return usage - inactive;
            }

            return usage;
        }
    }

    /// <summary>
    /// CPU use between the two samples in percent of one CPU (200 = two CPUs busy), or 0 when there is no
    /// previous sample to compare with.
    /// </summary>
    [JsonIgnore]
    public double CpuPercent
    {
        get
        {
            if (CpuStats?.CpuUsage is null || PreCpuStats?.CpuUsage is null)
            {
                return 0;
            }

            var cpuDelta = (double)CpuStats.CpuUsage.TotalUsage - PreCpuStats.CpuUsage.TotalUsage;
            var systemDelta = (double)(CpuStats.SystemCpuUsage ?? 0) - (PreCpuStats.SystemCpuUsage ?? 0);
            var cpus = CpuStats.OnlineCpus ?? (uint)(CpuStats.CpuUsage.PercpuUsage?.Count ?? 1);
            return cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0;
        }
    }
}

/// <summary>Process counts of a container.</summary>
public sealed record PidsStats
{
    /// <summary>Processes now.</summary>
    [JsonPropertyName("current")]
    public ulong? Current { get; init; }

    /// <summary>Process limit.</summary>
    [JsonPropertyName("limit")]
    public ulong? Limit { get; init; }
}

/// <summary>CPU counters of a container.</summary>
public sealed record CpuStats
{
    /// <summary>CPU time used by the container.</summary>
    [JsonPropertyName("cpu_usage")]
    public CpuUsage? CpuUsage { get; init; }

    /// <summary>CPU time of the whole host, in nanoseconds.</summary>
    [JsonPropertyName("system_cpu_usage")]
    public ulong? SystemCpuUsage { get; init; }

    /// <summary>CPUs online.</summary>
    [JsonPropertyName("online_cpus")]
    public uint? OnlineCpus { get; init; }
}

/// <summary>CPU time used by a container, in nanoseconds.</summary>
public sealed record CpuUsage
{
    /// <summary>Total CPU time.</summary>
    [JsonPropertyName("total_usage")]
    public ulong TotalUsage { get; init; }

    /// <summary>Per-CPU time (cgroup v1 only).</summary>
    [JsonPropertyName("percpu_usage")]
    public IReadOnlyList<ulong>? PercpuUsage { get; init; }

    /// <summary>Time in kernel mode.</summary>
    [JsonPropertyName("usage_in_kernelmode")]
    public ulong UsageInKernelMode { get; init; }

    /// <summary>Time in user mode.</summary>
    [JsonPropertyName("usage_in_usermode")]
    public ulong UsageInUserMode { get; init; }
}

/// <summary>Memory counters of a container, in bytes.</summary>
public sealed record MemoryStats
{
    /// <summary>Memory charged to the container, page cache included.</summary>
    [JsonPropertyName("usage")]
    public ulong? Usage { get; init; }

    /// <summary>Peak usage (cgroup v1 only).</summary>
    [JsonPropertyName("max_usage")]
    public ulong? MaxUsage { get; init; }

    /// <summary>The limit in force: the container's, or the host's memory when unlimited.</summary>
    [JsonPropertyName("limit")]
    public ulong? Limit { get; init; }

    /// <summary>Raw cgroup counters; their names differ between cgroup v1 and v2.</summary>
    [JsonPropertyName("stats")]
    public IReadOnlyDictionary<string, ulong>? Stats { get; init; }
}
