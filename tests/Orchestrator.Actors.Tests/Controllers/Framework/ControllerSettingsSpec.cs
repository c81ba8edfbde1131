using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Tests.Controllers.Framework;

/// <summary>The typed settings of <c>orchestrator.controllers</c>.</summary>
public sealed class ControllerSettingsSpec
{
    [Fact]
    public void Defaults_come_from_the_embedded_reference_conf()
    {
        var settings = ControllerSettings.From(Config.Empty);

        Assert.Equal(new ControllerSettings(), settings);
    }

    [Fact]
    public void Values_override_the_defaults_and_a_zero_resync_turns_it_off()
    {
        var settings = ControllerSettings.From(Config.Parse("""
            orchestrator.controllers {
              workers = 2
              informer.resync-interval = 0s
              retry { base-delay = 1ms, overall-rate = 2.5 }
              node-lifecycle { monitor-grace-period = 3s, default-toleration-seconds = 0 }
            }
            """));

        Assert.Equal(2, settings.Workers);
        Assert.Null(settings.Informer.ResyncInterval);
        Assert.Equal((TimeSpan.FromMilliseconds(1), 2.5), (settings.Retry.BaseDelay, settings.Retry.OverallRate));
        Assert.Equal((TimeSpan.FromSeconds(3), 0L), (settings.NodeLifecycle.MonitorGracePeriod, settings.NodeLifecycle.DefaultTolerationSeconds));
    }

    [Theory]
    [InlineData("orchestrator.controllers.workers = 0", "orchestrator.controllers.workers")]
    [InlineData("orchestrator.controllers.wokers = 3", "orchestrator.controllers.wokers")]
    [InlineData("orchestrator.controllers.informer.relist-backoff-min = 0s", "orchestrator.controllers.informer.relist-backoff-min")]
    [InlineData("orchestrator.controllers.retry.overall-rate = 0", "orchestrator.controllers.retry.overall-rate")]
    [InlineData("orchestrator.controllers.node-lifecycle.grace = 1s", "orchestrator.controllers.node-lifecycle.grace")]
    [InlineData("orchestrator.controllers.node-lifecycle.default-toleration-seconds = -1", "orchestrator.controllers.node-lifecycle.default-toleration-seconds")]
    public void A_bad_value_or_unknown_key_is_named(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ControllerSettings.From(Config.Parse(hocon)));

        Assert.Contains(key, error.Message);
    }
}
