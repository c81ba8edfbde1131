using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;
using Orchestrator.Runtime.Sharding;
using Orchestrator.Runtime.Singleton;
using Orchestrator.Runtime.Tests.Configuration;

namespace Orchestrator.Runtime.Tests.Sharding;

public sealed class ShardingSettingsSpec
{
    private static Config Full(string application) => ReferenceConfig.WithReferences(Config.Parse(application)).Resolve();

    [Fact]
    public void The_reference_configuration_gives_the_documented_defaults_and_comments_every_key()
    {
        Assert.Equal(new ClusterShardingSettings(), ClusterShardingSettings.From(Full("")));
        Assert.Equal(new ClusterSingletonManagerSettings(), ClusterSingletonManagerSettings.From(Full("")));
        Assert.Equal(new ClusterSingletonProxySettings(), ClusterSingletonProxySettings.From(Full("")));
        Assert.Equal(11, ReferenceConfText.CommentedKeys("orchestrator.cluster.sharding {").Count);
        Assert.Equal(3, ReferenceConfText.CommentedKeys("orchestrator.cluster.singleton {").Count);
        Assert.Equal(4, ReferenceConfText.CommentedKeys("orchestrator.cluster.singleton-proxy {").Count);
    }

    [Fact]
    public void Values_are_read_and_passivation_can_be_turned_off()
    {
        var settings = ClusterShardingSettings.From(Full("""
            orchestrator.cluster.sharding {
              role = control-plane, number-of-shards = 64, remember-entities = on, passivate-idle-entity-after = off
              least-shard-allocation-strategy { rebalance-threshold = 3, max-simultaneous-rebalance = 5 }
            }
            """));
        Assert.Equal(("control-plane", 64, true, (TimeSpan?)null, 3, 5),
            (settings.Role, settings.NumberOfShards, settings.RememberEntities, settings.PassivateIdleEntityAfter, settings.RebalanceThreshold, settings.MaxSimultaneousRebalance));
        Assert.Equal("scheduler", ClusterSingletonProxySettings.From(Full("orchestrator.cluster.singleton.singleton-name = scheduler")).SingletonName);
    }

    [Theory]
    [InlineData("number-of-shards = 0", "orchestrator.cluster.sharding.number-of-shards")]
    [InlineData("buffer-size = 0", "orchestrator.cluster.sharding.buffer-size")]
    [InlineData("handoff-timeout = 0s", "orchestrator.cluster.sharding.handoff-timeout")]
    [InlineData("least-shard-allocation-strategy.max-simultaneous-rebalance = 0", "orchestrator.cluster.sharding.least-shard-allocation-strategy.max-simultaneous-rebalance")]
    public void A_bad_value_fails_naming_its_key(string line, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterShardingSettings.From(Full("orchestrator.cluster.sharding." + line)));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_bad_singleton_value_fails_naming_its_key()
    {
        var error = Assert.Throws<ConfigException>(() => ClusterSingletonProxySettings.From(Full("orchestrator.cluster.singleton-proxy.buffer-size = -1")));
        Assert.Contains("orchestrator.cluster.singleton-proxy.buffer-size", error.Message);
    }
}
