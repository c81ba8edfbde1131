using Orchestrator.Hocon;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Agent;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>Reading <c>orchestrator.node-agent</c> from HOCON.</summary>
public sealed class NodeAgentSettingsSpec
{
    [Fact]
    public void The_reference_configuration_gives_the_documented_defaults()
    {
        var settings = NodeAgentSettings.From(Config.Empty);

        Assert.Equal(Environment.MachineName.ToLowerInvariant(), settings.NodeName);
        Assert.Empty(settings.Labels);
        Assert.Empty(settings.Taints);
        Assert.Equal(Quantity.Zero, settings.ReservedCpu);
        Assert.Equal(110, settings.MaxPods);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(40), settings.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.MetricsInterval);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var settings = NodeAgentSettings.From(Config.Parse("""
            orchestrator.node-agent {
              node-name = worker-1
              labels = ["tier=edge", "example.com/gpu=true"]
              taints = ["dedicated=ml:NoSchedule", "spot:PreferNoSchedule"]
              reserved-cpu = 500m
              reserved-memory = 1Gi
              max-pods = 20
              lease-renew-interval = 5s
              lease-duration = 20s
              request-timeout = 3s
              metrics-interval = 30s
              memory-pressure-threshold = 200Mi
              disk-pressure-path = /var/lib/docker
              disk-pressure-free-percent = 15
            }
            """));

        Assert.Equal("worker-1", settings.NodeName);
        Assert.Equal("edge", settings.Labels["tier"]);
        Assert.Equal("true", settings.Labels["example.com/gpu"]);
        Assert.Equal(("dedicated", "ml", "NoSchedule"), (settings.Taints[0].Key, settings.Taints[0].Value, settings.Taints[0].Effect));
        Assert.Equal(("spot", null, "PreferNoSchedule"), (settings.Taints[1].Key, settings.Taints[1].Value, settings.Taints[1].Effect));
        Assert.Equal(Quantity.Parse("500m"), settings.ReservedCpu);
        Assert.Equal(Quantity.Parse("1Gi"), settings.ReservedMemory);
        Assert.Equal(20, settings.MaxPods);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MetricsInterval);
        Assert.Equal(Quantity.Parse("200Mi"), settings.MemoryPressureThreshold);
        Assert.Equal("/var/lib/docker", settings.DiskPressurePath);
        Assert.Equal(15, settings.DiskPressureFreePercent);
    }

    [Theory]
    [InlineData("lease-renew = 5s", "orchestrator.node-agent.lease-renew is not a setting")]
    [InlineData("taints = [\"dedicated=ml:Sometimes\"]", "orchestrator.node-agent.taints")]
    [InlineData("labels = [\"novalue\"]", "orchestrator.node-agent.labels")]
    [InlineData("reserved-memory = lots", "orchestrator.node-agent.reserved-memory")]
    [InlineData("max-pods = 0", "orchestrator.node-agent.max-pods")]
    [InlineData("lease-duration = 5s", "orchestrator.node-agent.lease-duration")]
    [InlineData("metrics-interval = 0s", "orchestrator.node-agent.metrics-interval")]
    [InlineData("disk-pressure-free-percent = 101", "orchestrator.node-agent.disk-pressure-free-percent")]
    [InlineData("memory-pressure-threshold = -1Mi", "orchestrator.node-agent.memory-pressure-threshold")]
    public void A_bad_key_or_value_is_named(string line, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => NodeAgentSettings.From(Config.Parse("orchestrator.node-agent." + line)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
