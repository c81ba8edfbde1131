using System.Globalization;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Whether the machine runs short of memory or disk, as the kubelet's eviction thresholds judge it
/// (<c>memory.available</c> and <c>nodefs.available</c>), for the Node's MemoryPressure and DiskPressure conditions.
/// </summary>
/// <param name="Memory">Available memory is below the threshold.</param>
/// <param name="MemoryMessage">What was measured.</param>
/// <param name="Disk">Free space of the watched filesystem is below the threshold.</param>
/// <param name="DiskMessage">What was measured.</param>
public sealed record NodePressure(bool Memory, string MemoryMessage, bool Disk, string DiskMessage)
{
    /// <summary>No pressure, nothing measured (e.g. not on Linux).</summary>
    public static NodePressure None { get; } = new(false, "kubelet has sufficient memory available", false, "kubelet has no disk pressure");

    /// <summary>Measures now: MemAvailable of /proc/meminfo, and the free space of the filesystem holding <see cref="NodeAgentSettings.DiskPressurePath"/>.</summary>
    public static NodePressure Read(NodeAgentSettings settings)
    {
        var meminfo = HostFacts.ReadOrEmpty("/proc/meminfo");
        long? available = meminfo.Length == 0 ? null : HostFacts.ParseMeminfoField(meminfo, "MemAvailable");
        double? freePercent = null;
        try
        {
            var drive = new DriveInfo(settings.DiskPressurePath);
            freePercent = drive.TotalSize > 0 ? 100.0 * drive.AvailableFreeSpace / drive.TotalSize : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Unmeasurable: no disk pressure is claimed.
        }

        return Judge(available, settings.MemoryPressureThreshold.Value, freePercent, settings.DiskPressureFreePercent, settings.DiskPressurePath);
    }

    /// <summary>The verdict on measured values (null = not measured, no pressure).</summary>
    public static NodePressure Judge(long? memoryAvailable, long memoryThreshold, double? diskFreePercent, int diskFreeThreshold, string diskPath)
    {
        var memory = memoryAvailable is { } bytes && bytes < memoryThreshold;
        var disk = diskFreePercent is { } free && free < diskFreeThreshold;
        return new NodePressure(
            memory,
            memory
                ? $"kubelet has insufficient memory available: {memoryAvailable!.Value / (1024 * 1024)}Mi available, threshold {memoryThreshold / (1024 * 1024)}Mi"
                : None.MemoryMessage,
            disk,
            disk
                ? $"kubelet has disk pressure: {diskFreePercent!.Value.ToString("0.#", CultureInfo.InvariantCulture)}% free on {diskPath}, threshold {diskFreeThreshold}%"
                : None.DiskMessage);
    }
}
