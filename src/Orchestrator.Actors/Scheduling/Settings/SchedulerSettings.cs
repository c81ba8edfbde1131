using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Actors.Scheduling.Settings;

/// <summary>The <c>orchestrator.scheduler</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
public sealed record SchedulerSettings
{
    private const string Section = "orchestrator.scheduler";

    private static readonly string[] _knownKeys =
    [
        "scheduler-name", "percentage-of-nodes-to-score", "pod-initial-backoff", "pod-max-backoff", "max-unschedulable-duration",
        "bind-timeout", "pods-per-turn", "hard-pod-affinity-weight", "record-events", "score-weights",
    ];

    /// <summary>Pods with this spec.schedulerName are placed (default "default-scheduler").</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Share of nodes to filter per cycle, 0 = adaptive (default 0).</summary>
    public int PercentageOfNodesToScore { get; init; }

    /// <summary>First back-off of an unschedulable pod (default 1 s).</summary>
    public TimeSpan PodInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off (default 10 s).</summary>
    public TimeSpan PodMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retry an unschedulable pod after this long without a helpful event (default 5 minutes).</summary>
    public TimeSpan MaxUnschedulableDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for a bind (default 10 s).</summary>
    public TimeSpan BindTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Cycles per actor turn (default 16).</summary>
    public int PodsPerTurn { get; init; } = 16;

    /// <summary>kube-scheduler's hardPodAffinityWeight (default 1).</summary>
    public int HardPodAffinityWeight { get; init; } = 1;

    /// <summary>Whether FailedScheduling Events are written (default on).</summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>Score weight per plugin name.</summary>
    public IReadOnlyDictionary<string, int> ScoreWeights { get; init; } = Plugins.PluginRegistry.DefaultWeights;

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config Reference { get; } = ReferenceConfig.Of(typeof(SchedulerSettings).Assembly);

    /// <summary>Reads the section (this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static SchedulerSettings From(Config config)
    {
        var s = config.WithFallback(Reference).GetConfig(Section);
        foreach (var key in s.Keys)
        {
            if (!_knownKeys.Contains(key))
                throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: {string.Join(", ", _knownKeys)}.");
        }

        var name = s.GetString("scheduler-name");
        if (string.IsNullOrWhiteSpace(name)) throw new ConfigException(s.OriginOf("scheduler-name"), $"{Section}.scheduler-name must not be empty.");
        var initial = Positive(s, "pod-initial-backoff");
        var max = Positive(s, "pod-max-backoff");
        if (initial > max)
            throw new ConfigException(s.OriginOf("pod-initial-backoff"), $"{Section}.pod-initial-backoff ({initial}) must not exceed pod-max-backoff ({max}).");
        return new SchedulerSettings
        {
            SchedulerName = name,
            PercentageOfNodesToScore = InRange(s, "percentage-of-nodes-to-score", 0, 100),
            PodInitialBackoff = initial,
            PodMaxBackoff = max,
            MaxUnschedulableDuration = Positive(s, "max-unschedulable-duration"),
            BindTimeout = Positive(s, "bind-timeout"),
            PodsPerTurn = InRange(s, "pods-per-turn", 1, int.MaxValue),
            HardPodAffinityWeight = InRange(s, "hard-pod-affinity-weight", 0, 100),
            RecordEvents = s.GetBoolean("record-events"),
            ScoreWeights = Weights(s.GetConfig("score-weights")),
        };
    }

    private static Dictionary<string, int> Weights(Config weights)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in weights.Keys)
        {
            if (!Plugins.PluginRegistry.DefaultWeights.ContainsKey(key))
            {
                throw new ConfigException(weights.OriginOf(key),
                    $"{Section}.score-weights.{key} is not a score plugin; known: {string.Join(", ", Plugins.PluginRegistry.DefaultWeights.Keys)}.");
            }

            result[key] = InRange(weights, key, 0, 100, $"{Section}.score-weights.");
        }

        return result;
    }

    private static TimeSpan Positive(Config s, string key)
    {
        var value = s.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be a positive duration, not {value}.");
    }

    private static int InRange(Config s, string key, int min, int max, string prefix = Section + ".")
    {
        var value = s.GetInt(key);
        if (value >= min && value <= max) return value;
        var range = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
        throw new ConfigException(s.OriginOf(key), $"{prefix}{key} must be {range}, not {value}.");
    }
}
