using Orchestrator.Hocon;
using Orchestrator.Runtime.Cluster;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class ClusterSettingsSpec
{
    private static ClusterSettings Read(string hocon, string? environment = null) =>
        ClusterSettings.Read(ReferenceConfig.WithReferences(Config.Parse(hocon)).Resolve(), environment ?? "");

    [Fact]
    public void Defaults_follow_the_reference_configuration()
    {
        var s = Read("");
        Assert.Empty(s.SeedNodes);
        Assert.Equal(8.0, s.FailureDetector.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(3), s.FailureDetector.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), s.FailureDetector.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), s.FailureDetector.MinStdDeviation);
        Assert.Equal(DowningStrategy.KeepMajority, s.SplitBrainResolver.ActiveStrategy);
        Assert.Equal(TimeSpan.FromSeconds(2), s.SplitBrainResolver.StableAfter);
        Assert.True(s.RunCoordinatedShutdownWhenDown);
    }

    [Fact]
    public void The_reference_configuration_gives_the_defaults_of_ClusterSettings_and_every_key_has_a_comment()
    {
        var reference = ClusterSettings.Read(ReferenceConfig.Runtime.Resolve(), "");
        Assert.Equal(new FailureDetectorSettings(), reference.FailureDetector);
        Assert.Equal(new SplitBrainResolverSettings(), reference.SplitBrainResolver);
        Assert.Equal(new ClusterSettings().GossipInterval, reference.GossipInterval);
        Assert.Equal(new ClusterSettings().SeedNodeTimeout, reference.SeedNodeTimeout);
        var keys = Tests.Configuration.ReferenceConfText.CommentedKeys("orchestrator.cluster {");
        Assert.Contains("failure-detector.acceptable-heartbeat-pause", keys);
        Assert.Contains("split-brain-resolver.stable-after", keys);
        Assert.Equal(20, keys.Count);
    }

    [Fact]
    public void Seed_nodes_and_roles_are_read_and_the_environment_overrides_the_file_and_a_flag_overrides_both()
    {
        const string file = """orchestrator.cluster { seed-nodes = ["orch.tcp://c@10.0.0.1:2552"], roles = [worker, control-plane] }""";
        var fromFile = Read(file);
        Assert.Equal([new Address("orch.tcp", "c", "10.0.0.1", 2552)], fromFile.SeedNodes);
        Assert.Equal(["control-plane", "worker"], fromFile.Roles.Order());

        var fromEnvironment = Read(file, "orch.tcp://c@10.0.0.2:2552, orch.tcp://c@10.0.0.3:2552");
        Assert.Equal(["10.0.0.2", "10.0.0.3"], fromEnvironment.SeedNodes.Select(a => a.Host));

        var withFlag = ClusterSettings.WithSeedNodes(Config.Parse(file), ["orch.tcp://c@10.0.0.9:2552"]);
        var fromFlag = ClusterSettings.Read(ReferenceConfig.WithReferences(withFlag).Resolve(), "orch.tcp://c@10.0.0.2:2552");
        Assert.Equal(["10.0.0.9"], fromFlag.SeedNodes.Select(a => a.Host));
    }

    [Theory]
    [InlineData("orchestrator.cluster.seed-nodes = [\"not-an-address\"]", "orchestrator.cluster.seed-nodes: 'not-an-address' is not a network address")]
    [InlineData("orchestrator.cluster.min-nr-of-members = 0", "orchestrator.cluster.min-nr-of-members: must be at least 1")]
    [InlineData("orchestrator.cluster.failure-detector.threshold = 0", "orchestrator.cluster.failure-detector.threshold: must be a positive number")]
    [InlineData("orchestrator.cluster.gossip-interval = 0s", "orchestrator.cluster.gossip-interval: must be a positive duration")]
    [InlineData("orchestrator.cluster.split-brain-resolver.active-strategy = keep-oldest", "'keep-oldest' is not one of off, keep-majority, lease-majority")]
    public void A_bad_value_fails_with_a_message_naming_the_key(string hocon, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Read(hocon));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_cluster_needs_remoting()
    {
        using var system = new DisposableSystem(ActorSystem.Create("no-remoting"));
        var e = Assert.Throws<InvalidOperationException>(() => Runtime.Cluster.Cluster.Get(system.System));
        Assert.Contains("orchestrator.remote.enabled = on", e.Message);
    }

    private sealed class DisposableSystem(ActorSystem system) : IDisposable
    {
        public ActorSystem System { get; } = system;

        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
