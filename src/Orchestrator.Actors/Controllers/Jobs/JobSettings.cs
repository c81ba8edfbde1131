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

    /// <summary>Reads the section (with this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static JobSettings From(Config config)
    {
        var s = config.WithFallback(ControllerSettings.Reference).GetConfig(Section);
        foreach (var key in s.Keys.Where(k => k != "pod-failure-backoff"))
            throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: pod-failure-backoff.");
        var backoff = s.GetTimeSpan("pod-failure-backoff");
        return backoff > TimeSpan.Zero
            ? new JobSettings(backoff)
            : throw new ConfigException(s.OriginOf("pod-failure-backoff"), $"{Section}.pod-failure-backoff must be a positive duration, not {backoff}.");
    }
}
