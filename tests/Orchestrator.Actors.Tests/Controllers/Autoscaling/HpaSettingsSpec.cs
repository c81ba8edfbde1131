using Orchestrator.Actors.Controllers.Autoscaling;
using Orchestrator.Actors.Controllers.CronJobs;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>The typed settings of the hpa, job and cronjob sub-sections of <c>orchestrator.controllers</c>.</summary>
public sealed class HpaSettingsSpec
{
    [Fact]
    public void Defaults_come_from_the_embedded_reference_conf()
    {
        Assert.Equal(HpaSettings.Default, HpaSettings.From(Config.Empty));
        Assert.Equal(JobSettings.Default, JobSettings.From(Config.Empty));
        Assert.Equal(CronJobSettings.Default, CronJobSettings.From(Config.Empty));
        ControllerSettings.From(Config.Empty); // the sub-sections are known keys of the controllers' section
    }

    [Fact]
    public void Values_override_the_defaults()
    {
        var hpa = HpaSettings.From(Config.Parse("orchestrator.controllers.hpa { sync-period = 2s, tolerance = 0.2, downscale-stabilization = 0s }"));
        Assert.Equal(new HpaSettings(TimeSpan.FromSeconds(2), 0.2, TimeSpan.Zero), hpa);
    }

    [Theory]
    [InlineData("orchestrator.controllers.hpa.sync-period = 0s", "orchestrator.controllers.hpa.sync-period")]
    [InlineData("orchestrator.controllers.hpa.tolerance = -1", "orchestrator.controllers.hpa.tolerance")]
    [InlineData("orchestrator.controllers.hpa.sync = 1s", "orchestrator.controllers.hpa.sync")]
    public void A_bad_value_or_unknown_key_is_named(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => HpaSettings.From(Config.Parse(hocon)));
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("orchestrator.controllers.job.pod-failure-backoff = 0s", "orchestrator.controllers.job.pod-failure-backoff")]
    [InlineData("orchestrator.controllers.cronjob.max-requeue = 0s", "orchestrator.controllers.cronjob.max-requeue")]
    public void Job_and_cron_job_settings_name_a_bad_value(string hocon, string key)
    {
        var config = Config.Parse(hocon);
        var error = Assert.Throws<ConfigException>(() => { JobSettings.From(config); CronJobSettings.From(config); });
        Assert.Contains(key, error.Message);
    }
}
