using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Tests.Scheduling.Framework;

public sealed class SchedulerSettingsSpec
{
    [Fact]
    public void Defaults_are_kube_schedulers()
    {
        var settings = SchedulerSettings.From(Config.Empty);
        Assert.Equal("default-scheduler", settings.SchedulerName);
        Assert.Equal(0, settings.PercentageOfNodesToScore);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.PodInitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.PodMaxBackoff);
        Assert.Equal(3, settings.ScoreWeights["TaintToleration"]);
        Assert.Equal(1, settings.ScoreWeights["NodeResourcesBalancedAllocation"]);
    }

    [Fact]
    public void Values_are_read()
    {
        var settings = SchedulerSettings.From(Config.Parse("""
            orchestrator.scheduler {
              scheduler-name = edge
              percentage-of-nodes-to-score = 20
              pod-initial-backoff = 200ms
              pod-max-backoff = 2s
              score-weights.NodeAffinity = 5
            }
            """));
        Assert.Equal("edge", settings.SchedulerName);
        Assert.Equal(20, settings.PercentageOfNodesToScore);
        Assert.Equal(TimeSpan.FromMilliseconds(200), settings.PodInitialBackoff);
        Assert.Equal(5, settings.ScoreWeights["NodeAffinity"]);
        Assert.Equal(3, settings.ScoreWeights["TaintToleration"]);
    }

    [Theory]
    [InlineData("orchestrator.scheduler.percentage-of-nodes-to-score = 120", "percentage-of-nodes-to-score must be between 0 and 100")]
    [InlineData("orchestrator.scheduler.pod-initial-backoff = 20s", "pod-initial-backoff (00:00:20) must not exceed pod-max-backoff")]
    [InlineData("orchestrator.scheduler.score-weights.ImageLocality = 1", "score-weights.ImageLocality is not a score plugin")]
    [InlineData("orchestrator.scheduler.pods-per-turn = 0", "pods-per-turn must be at least 1")]
    [InlineData("orchestrator.scheduler.schedulr-name = x", "orchestrator.scheduler.schedulr-name is not a setting")]
    public void Bad_values_are_named(string hocon, string message)
    {
        var error = Assert.Throws<ConfigException>(() => SchedulerSettings.From(Config.Parse(hocon)));
        Assert.Contains(message, error.Message);
    }
}
