using Orchestrator.Hocon;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>The <c>orchestrator.node-agent</c> section (documented in Orchestrator.NodeAgent's reference.conf).</summary>
public sealed record NodeAgentSettings
{
    private const string Section = "orchestrator.node-agent";

    private static readonly string[] _knownKeys =
        ["node-name", "labels", "taints", "reserved-cpu", "reserved-memory", "max-pods", "lease-renew-interval", "lease-duration", "request-timeout", "metrics-interval",
         "memory-pressure-threshold", "disk-pressure-path", "disk-pressure-free-percent"];

    private static readonly string[] _effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Name of the Node object and of its Lease (default: the host name, lower-cased).</summary>
    public string NodeName { get; init; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Labels put on the Node besides the well-known ones the agent adds.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Taints put on the Node's spec.</summary>
    public IReadOnlyList<Taint> Taints { get; init; } = [];

    /// <summary>CPU subtracted from capacity to give allocatable.</summary>
    public Quantity ReservedCpu { get; init; } = Quantity.Zero;

    /// <summary>Memory subtracted from capacity to give allocatable.</summary>
    public Quantity ReservedMemory { get; init; } = Quantity.Zero;

    /// <summary>Capacity and allocatable <c>pods</c>.</summary>
    public int MaxPods { get; init; } = 110;

    /// <summary>Interval of Lease renewals and runtime health checks.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>spec.leaseDurationSeconds of the Lease.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Bound of one store request or runtime health check.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of resource-usage samples (PodMetrics and NodeMetrics).</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>MemoryPressure is True while MemAvailable is below this (the kubelet's memory.available eviction threshold).</summary>
    public Quantity MemoryPressureThreshold { get; init; } = Quantity.Parse("100Mi");

    /// <summary>The filesystem whose free space decides DiskPressure.</summary>
    public string DiskPressurePath { get; init; } = "/";

    /// <summary>DiskPressure is True while less than this percentage of <see cref="DiskPressurePath"/>'s filesystem is free.</summary>
    public int DiskPressureFreePercent { get; init; } = 10;

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config Reference { get; } = ReferenceConfig.Of(typeof(NodeAgentSettings).Assembly);

    /// <summary>Reads the section (this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static NodeAgentSettings From(Config config)
    {
        var s = config.WithFallback(Reference).GetConfig(Section);
        foreach (var key in s.Keys)
        {
            if (!_knownKeys.Contains(key))
            {
                throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: {string.Join(", ", _knownKeys)}.");
            }
        }

        var name = s.GetString("node-name");
        var renew = Positive(s, "lease-renew-interval");
        var duration = Positive(s, "lease-duration");
        if (duration <= renew || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ConfigException(s.OriginOf("lease-duration"),
                $"{Section}.lease-duration must be whole seconds longer than lease-renew-interval ({renew}), not {duration}.");
        }

        var maxPods = s.GetInt("max-pods");
        if (maxPods < 1)
        {
            throw new ConfigException(s.OriginOf("max-pods"), $"{Section}.max-pods must be at least 1, not {maxPods}.");
        }

        return new NodeAgentSettings
        {
            NodeName = name.Length == 0 ? Environment.MachineName.ToLowerInvariant() : name,
            Labels = ParseLabels(s),
            Taints = ParseTaints(s),
            ReservedCpu = NonNegativeQuantity(s, "reserved-cpu"),
            ReservedMemory = NonNegativeQuantity(s, "reserved-memory"),
            MaxPods = maxPods,
            LeaseRenewInterval = renew,
            LeaseDuration = duration,
            RequestTimeout = Positive(s, "request-timeout"),
            MetricsInterval = Positive(s, "metrics-interval"),
            MemoryPressureThreshold = NonNegativeQuantity(s, "memory-pressure-threshold"),
            DiskPressurePath = s.GetString("disk-pressure-path"),
            DiskPressureFreePercent = Percent(s, "disk-pressure-free-percent"),
        };
    }

    private static Dictionary<string, string> ParseLabels(Config s)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in s.GetStringList("labels"))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException(s.OriginOf("labels"), $"{Section}.labels: \"{entry}\" is not \"key=value\".");
            }

            labels[entry[..eq]] = entry[(eq + 1)..];
        }

        return labels;
    }

    private static List<Taint> ParseTaints(Config s)
    {
        var taints = new List<Taint>();
        foreach (var entry in s.GetStringList("taints"))
        {
            var colon = entry.LastIndexOf(':');
            var effect = colon < 0 ? "" : entry[(colon + 1)..];
            var keyValue = colon < 0 ? entry : entry[..colon];
            var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? keyValue : keyValue[..eq];
            if (key.Length == 0 || !_effects.Contains(effect))
            {
                throw new ConfigException(s.OriginOf("taints"),
                    $"{Section}.taints: \"{entry}\" is not \"key=value:Effect\" with Effect one of {string.Join(", ", _effects)}.");
            }

            taints.Add(new Taint { Key = key, Value = eq < 0 ? null : keyValue[(eq + 1)..], Effect = effect });
        }

        return taints;
    }

    private static Quantity NonNegativeQuantity(Config s, string key)
    {
        var text = s.GetString(key);
        if (!Quantity.TryParse(text, out var value, out var error) || value < Quantity.Zero)
        {
            throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be a quantity of 0 or more, not \"{text}\"{(error is null ? "" : $" ({error})")}.");
        }

        return value;
    }

    private static int Percent(Config s, string key)
    {
        var value = s.GetInt(key);
        return value is >= 0 and <= 100 ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be a percentage from 0 to 100, not {value}.");
    }

    private static TimeSpan Positive(Config s, string key)
    {
        var value = s.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw new ConfigException(s.OriginOf(key), $"{Section}.{key} must be a positive duration, not {value}.");
    }
}
