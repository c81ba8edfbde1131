using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>The <c>orchestrator.store.admission</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
public sealed record AdmissionSettings
{
    private const string Section = "orchestrator.store.admission";
    private static readonly string[] _knownKeys = ["quota-resync-interval", "quota-conflict-retries"];

    /// <summary>How often a namespace with quotas recomputes their use from the objects that exist (default 10 seconds).</summary>
    public TimeSpan QuotaResyncInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a create re-reads the quotas after a conflicting status write before it fails (default 5).</summary>
    public int QuotaConflictRetries { get; init; } = 5;

    /// <summary>Reads the section <paramref name="section"/> (already the <c>admission</c> sub-config), naming any unknown key or bad value.</summary>
    public static AdmissionSettings From(Config section)
    {
        foreach (var key in section.Keys)
        {
            if (!_knownKeys.Contains(key))
                throw new ConfigException(section.OriginOf(key), $"{Section}.{key} is not a setting; known keys: {string.Join(", ", _knownKeys)}.");
        }

        var interval = section.GetTimeSpan("quota-resync-interval");
        if (interval <= TimeSpan.Zero)
            throw new ConfigException(section.OriginOf("quota-resync-interval"), $"{Section}.quota-resync-interval must be a positive duration, not {interval}.");
        var retries = section.GetInt("quota-conflict-retries");
        if (retries < 1)
            throw new ConfigException(section.OriginOf("quota-conflict-retries"), $"{Section}.quota-conflict-retries must be at least 1, not {retries}.");
        return new AdmissionSettings { QuotaResyncInterval = interval, QuotaConflictRetries = retries };
    }
}
