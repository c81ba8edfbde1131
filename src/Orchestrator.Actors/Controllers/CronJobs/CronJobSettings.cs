using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Controllers.CronJobs;

/// <summary>The <c>orchestrator.controllers.cronjob</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
/// <param name="MaxRequeue">Longest wait before a CronJob is looked at again (default 1 minute).</param>
public sealed record CronJobSettings(TimeSpan MaxRequeue)
{
    private const string Section = "orchestrator.controllers.cronjob";

    /// <summary>The defaults.</summary>
    public static CronJobSettings Default { get; } = new(TimeSpan.FromMinutes(1));

    /// <summary>Reads the section (with this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static CronJobSettings From(Config config)
    {
        var s = config.WithFallback(ControllerSettings.Reference).GetConfig(Section);
        foreach (var key in s.Keys.Where(k => k != "max-requeue"))
            throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: max-requeue.");
        var value = s.GetTimeSpan("max-requeue");
        return value > TimeSpan.Zero
            ? new CronJobSettings(value)
            : throw new ConfigException(s.OriginOf("max-requeue"), $"{Section}.max-requeue must be a positive duration, not {value}.");
    }
}
