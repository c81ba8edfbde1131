using Orchestrator.NodeAgent.Agent;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>The MemoryPressure and DiskPressure verdicts on measured values.</summary>
public sealed class NodePressureTests
{
    private const long Mi = 1024 * 1024;

    [Theory]
    [InlineData(50 * Mi, 25.0, true, false)]     // little memory
    [InlineData(500 * Mi, 5.0, false, true)]     // little disk
    [InlineData(500 * Mi, 25.0, false, false)]
    [InlineData(100 * Mi, 10.0, false, false)]   // at the threshold is not below it
    [InlineData(null, null, false, false)]       // nothing measured, nothing claimed
    public void Pressure_means_below_the_threshold(long? available, double? freePercent, bool memory, bool disk)
    {
        var pressure = NodePressure.Judge(available, 100 * Mi, freePercent, 10, "/data");

        Assert.Equal((memory, disk), (pressure.Memory, pressure.Disk));
    }

    [Fact]
    public void The_messages_name_what_was_measured()
    {
        var pressure = NodePressure.Judge(50 * Mi, 100 * Mi, 4.25, 10, "/data");

        Assert.Equal("kubelet has insufficient memory available: 50Mi available, threshold 100Mi", pressure.MemoryMessage);
        Assert.Equal("kubelet has disk pressure: 4.3% free on /data, threshold 10%", pressure.DiskMessage);
    }
}
