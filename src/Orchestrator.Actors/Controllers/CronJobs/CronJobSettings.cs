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

    /// <summary>Reads the section, naming any unknown key or bad value.</summary>
    public static CronJobSettings From(Config config) =>
        new(ControllerSections.Duration(ControllerSections.Read(config, Section, "max-requeue"), Section, "max-requeue"));
}
