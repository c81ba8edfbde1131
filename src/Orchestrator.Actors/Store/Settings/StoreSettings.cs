using Orchestrator.Actors.Store.Admission;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Actors.Store.Settings;

/// <summary>The <c>orchestrator.store</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
public sealed record StoreSettings
{
    private const string Section = "orchestrator.store";

    private static readonly string[] _knownKeys =
        ["passivation-timeout", "snapshot-every", "watch-history-size", "bookmark-interval", "list-page-size-max", "list-wait-timeout", "list-continue-ttl", "list-continue-max", "gc-resync-interval", "admission"];

    /// <summary>Idle time after which an entity is stopped (default 2 minutes).</summary>
    public TimeSpan PassivationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Events between an entity's snapshots; 0 never snapshots (default 100).</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>Events each kind's read model keeps for resuming watches (default 10,000).</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    /// <summary>Interval of BOOKMARK events on open watches (default 1 minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest List page (default 5,000).</summary>
    public int ListPageSizeMax { get; init; } = 5_000;

    /// <summary>How long a List waits for its read model to reach the asked resourceVersion (default 10 seconds).</summary>
    public TimeSpan ListWaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the rest of a paged List stays available to its continue token (default 5 minutes).</summary>
    public TimeSpan ListContinueTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most paged Lists per kind whose rest is held at once (default 100).</summary>
    public int ListContinueMax { get; init; } = 100;

    /// <summary>How often the garbage collector re-examines every object (default 10 seconds).</summary>
    public TimeSpan GcResyncInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Quota and LimitRange admission (the <c>admission</c> sub-section).</summary>
    public AdmissionSettings Admission { get; init; } = new();

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config Reference { get; } = ReferenceConfig.Of(typeof(StoreSettings).Assembly);

    /// <summary>Reads the section (this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static StoreSettings From(Config config)
    {
        var full = config.WithFallback(Reference);
        var s = full.GetConfig(Section);
        foreach (var key in s.Keys)
        {
            if (!_knownKeys.Contains(key))
                throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: {string.Join(", ", _knownKeys)}.");
        }

        var settings = new StoreSettings
        {
            PassivationTimeout = Positive(s, "passivation-timeout"),
            SnapshotEvery = NotNegative(s, "snapshot-every"),
            WatchHistorySize = AtLeastOne(s, "watch-history-size"),
            BookmarkInterval = Positive(s, "bookmark-interval"),
            ListPageSizeMax = AtLeastOne(s, "list-page-size-max"),
            ListWaitTimeout = Positive(s, "list-wait-timeout"),
            ListContinueTtl = Positive(s, "list-continue-ttl"),
            ListContinueMax = AtLeastOne(s, "list-continue-max"),
            GcResyncInterval = Positive(s, "gc-resync-interval"),
            Admission = AdmissionSettings.From(s.GetConfig("admission")),
        };
        return settings;
    }

    private static TimeSpan Positive(Config s, string key)
    {
        var value = s.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be a positive duration, not {value}.");
    }

    private static int NotNegative(Config s, string key)
    {
        var value = s.GetInt(key);
        return value >= 0 ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be 0 or more, not {value}.");
    }

    private static int AtLeastOne(Config s, string key)
    {
        var value = s.GetInt(key);
        return value >= 1 ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be at least 1, not {value}.");
    }
}
