using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Controllers.Jobs;

/// <summary>The <c>orchestrator.controllers.job</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
/// <param name="PodFailureBackoff">Delay before a failed pod's first replacement; doubles per failure, at most 6 minutes (default 10 seconds).</param>
public sealed record JobSettings(TimeSpan PodFailureBackoff)
{
    private const string Section = "orchestrator.controllers.job";

    /// <summary>The defaults.</summary>
    public static JobSettings Default { get; } = new(TimeSpan.FromSeconds(10));

    /// <summary>Reads the section, naming any unknown key or bad value.</summary>
    public static JobSettings From(Config config) =>
        new(ControllerSections.Duration(ControllerSections.Read(config, Section, "pod-failure-backoff"), Section, "pod-failure-backoff"));
}
