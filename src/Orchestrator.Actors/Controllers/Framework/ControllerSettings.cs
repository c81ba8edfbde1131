using Orchestrator.Actors.Informers;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Retry pacing of failed syncs (see <see cref="RetryLimiter"/>).</summary>
/// <param name="BaseDelay">First retry delay of a key; doubles per failure in a row.</param>
/// <param name="MaxDelay">Longest per-key retry delay.</param>
/// <param name="OverallRate">Retries per second over all keys of one controller.</param>
/// <param name="OverallBurst">Retries allowed at once before <paramref name="OverallRate"/> applies.</param>
public sealed record RetrySettings(TimeSpan BaseDelay, TimeSpan MaxDelay, double OverallRate, int OverallBurst);

/// <summary>Node lifecycle timing (see <see cref="NodeLifecycle.NodeLifecycleController"/>).</summary>
/// <param name="MonitorPeriod">How often every node's lease is checked.</param>
/// <param name="MonitorGracePeriod">How long a lease may go unrenewed before the node is Ready=Unknown and tainted unreachable.</param>
/// <param name="DefaultTolerationSeconds">How long a pod without its own NoExecute toleration stays on an unreachable or not-ready node.</param>
public sealed record NodeLifecycleSettings(TimeSpan MonitorPeriod, TimeSpan MonitorGracePeriod, long DefaultTolerationSeconds);

/// <summary>The <c>orchestrator.controllers</c> section (every key documented in Orchestrator.Actors' reference.conf).</summary>
public sealed record ControllerSettings
{
    private const string Section = "orchestrator.controllers";

    private static readonly string[] KnownKeys = ["request-timeout", "workers", "expectations-timeout", "burst-replicas", "informer", "retry", "node-lifecycle", "job", "cronjob", "hpa"];

    /// <summary>How long one store request of a controller may take (default 10 seconds).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keys one controller syncs at the same time (default 4).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Age after which unmet expectations count as met (default 5 minutes).</summary>
    public TimeSpan ExpectationsTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most pods one ReplicaSet sync creates or deletes (default 500).</summary>
    public int BurstReplicas { get; init; } = 500;

    /// <summary>Informer options.</summary>
    public InformerOptions Informer { get; init; } = InformerOptions.Default;

    /// <summary>Retry pacing.</summary>
    public RetrySettings Retry { get; init; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60), 10, 100);

    /// <summary>Node lifecycle timing.</summary>
    public NodeLifecycleSettings NodeLifecycle { get; init; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40), 300);

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config Reference { get; } = ReferenceConfig.Of(typeof(ControllerSettings).Assembly);

    /// <summary>Reads the section (this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static ControllerSettings From(Config config)
    {
        var s = config.WithFallback(Reference).GetConfig(Section);
        RejectUnknown(s, Section, KnownKeys);
        var informer = s.GetConfig("informer");
        RejectUnknown(informer, Section + ".informer", ["relist-backoff-min", "relist-backoff-max", "resync-interval"]);
        var retry = s.GetConfig("retry");
        RejectUnknown(retry, Section + ".retry", ["base-delay", "max-delay", "overall-rate", "overall-burst"]);
        var node = s.GetConfig("node-lifecycle");
        RejectUnknown(node, Section + ".node-lifecycle", ["monitor-period", "monitor-grace-period", "default-toleration-seconds"]);
        var resync = NotNegative(informer, "informer.resync-interval");
        return new ControllerSettings
        {
            RequestTimeout = Positive(s, "request-timeout"),
            Workers = AtLeastOne(s, "workers"),
            ExpectationsTimeout = Positive(s, "expectations-timeout"),
            BurstReplicas = AtLeastOne(s, "burst-replicas"),
            Informer = new InformerOptions(
                Positive(s, "request-timeout"),
                Positive(informer, "informer.relist-backoff-min", "relist-backoff-min"),
                Positive(informer, "informer.relist-backoff-max", "relist-backoff-max"),
                resync == TimeSpan.Zero ? null : resync),
            Retry = new RetrySettings(
                Positive(retry, "retry.base-delay", "base-delay"),
                Positive(retry, "retry.max-delay", "max-delay"),
                retry.GetDouble("overall-rate") is > 0 and var rate ? rate : throw Bad(retry, "overall-rate", "retry.overall-rate must be a positive number of retries per second."),
                retry.GetInt("overall-burst") is >= 1 and var burst ? burst : throw Bad(retry, "overall-burst", "retry.overall-burst must be at least 1.")),
            NodeLifecycle = new NodeLifecycleSettings(
                Positive(node, "node-lifecycle.monitor-period", "monitor-period"),
                Positive(node, "node-lifecycle.monitor-grace-period", "monitor-grace-period"),
                node.GetLong("default-toleration-seconds") is >= 0 and var seconds
                    ? seconds
                    : throw Bad(node, "default-toleration-seconds", "node-lifecycle.default-toleration-seconds must be 0 or more.")),
        };
    }

    private static void RejectUnknown(Config s, string section, string[] known)
    {
        foreach (var key in s.Keys)
        {
            if (!known.Contains(key))
            {
                throw new ConfigException(s.OriginOf(key), $"{section}.{key} is not a setting; known keys: {string.Join(", ", known)}.");
            }
        }
    }

    private static TimeSpan Positive(Config s, string name, string? key = null)
    {
        var value = s.GetTimeSpan(key ?? name);
        return value > TimeSpan.Zero ? value : throw Bad(s, key ?? name, $"{Section}.{name} must be a positive duration, not {value}.");
    }

    private static TimeSpan NotNegative(Config s, string name)
    {
        var key = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var value = s.GetTimeSpan(key);
        return value >= TimeSpan.Zero ? value : throw Bad(s, key, $"{Section}.{name} must be 0 (off) or a positive duration, not {value}.");
    }

    private static int AtLeastOne(Config s, string key)
    {
        var value = s.GetInt(key);
        return value >= 1 ? value : throw Bad(s, key, $"{Section}.{key} must be at least 1, not {value}.");
    }

    private static ConfigException Bad(Config s, string key, string message) =>
        new(s.OriginOf(key), message.StartsWith(Section, StringComparison.Ordinal) ? message : $"{Section}.{message}");
}
