using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Singleton;

/// <summary>
/// Settings of a <see cref="ClusterSingletonManager"/>, read from <c>orchestrator.cluster.singleton</c>
/// (documented in the runtime's <c>reference.conf</c>).
/// </summary>
public sealed record ClusterSingletonManagerSettings
{
    /// <summary>Name of the singleton actor under its manager (<c>singleton-name</c>).</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>The singleton runs on the oldest member with this role; empty = the oldest member (<c>role</c>).</summary>
    public string Role { get; init; } = "";

    /// <summary>How often a new oldest member asks the previous one to hand over (<c>hand-over-retry-interval</c>).</summary>
    public TimeSpan HandOverRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The settings of <paramref name="system"/>'s configuration.</summary>
    public static ClusterSingletonManagerSettings Create(ActorSystem system) => From(system.Config);

    /// <summary>Reads <c>orchestrator.cluster.singleton</c>.</summary>
    public static ClusterSingletonManagerSettings From(Config config)
    {
        const string section = "orchestrator.cluster.singleton";
        if (!config.HasPath(section)) return new ClusterSingletonManagerSettings();
        var c = config.GetConfig(section);
        var settings = new ClusterSingletonManagerSettings
        {
            SingletonName = c.GetString("singleton-name", "singleton")!,
            Role = c.GetString("role", "")!,
            HandOverRetryInterval = c.GetTimeSpan("hand-over-retry-interval", TimeSpan.FromSeconds(1)),
        };
        if (string.IsNullOrWhiteSpace(settings.SingletonName))
            throw new ConfigException(c.OriginOf("singleton-name"), $"{section}.singleton-name: must not be empty");
        if (settings.HandOverRetryInterval <= TimeSpan.Zero)
            throw new ConfigException(c.OriginOf("hand-over-retry-interval"), $"{section}.hand-over-retry-interval: must be a positive duration");
        return settings;
    }

    /// <summary>These settings for singletons on members with <paramref name="role"/>.</summary>
    public ClusterSingletonManagerSettings WithRole(string? role) => this with { Role = role ?? "" };
}

/// <summary>
/// Settings of a <see cref="ClusterSingletonProxy"/>, read from <c>orchestrator.cluster.singleton-proxy</c>.
/// </summary>
public sealed record ClusterSingletonProxySettings
{
    /// <summary>Name of the singleton actor under its manager (<c>singleton-name</c>).</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>The role the singleton's members have; empty = any (<c>role</c>).</summary>
    public string Role { get; init; } = "";

    /// <summary>How often the proxy tries to find the singleton while it has none (<c>singleton-identification-interval</c>).</summary>
    public TimeSpan SingletonIdentificationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages held while the singleton is unknown; beyond it the oldest is dropped (<c>buffer-size</c>).</summary>
    public int BufferSize { get; init; } = 1000;

    /// <summary>The settings of <paramref name="system"/>'s configuration.</summary>
    public static ClusterSingletonProxySettings Create(ActorSystem system) => From(system.Config);

    /// <summary>Reads <c>orchestrator.cluster.singleton-proxy</c>.</summary>
    public static ClusterSingletonProxySettings From(Config config)
    {
        const string section = "orchestrator.cluster.singleton-proxy";
        if (!config.HasPath(section)) return new ClusterSingletonProxySettings();
        var c = config.GetConfig(section);
        var settings = new ClusterSingletonProxySettings
        {
            SingletonName = c.GetString("singleton-name", "singleton")!,
            Role = c.GetString("role", "")!,
            SingletonIdentificationInterval = c.GetTimeSpan("singleton-identification-interval", TimeSpan.FromSeconds(1)),
            BufferSize = c.GetInt("buffer-size", 1000),
        };
        if (settings.SingletonIdentificationInterval <= TimeSpan.Zero)
            throw new ConfigException(c.OriginOf("singleton-identification-interval"), $"{section}.singleton-identification-interval: must be a positive duration");
        if (settings.BufferSize < 0)
            throw new ConfigException(c.OriginOf("buffer-size"), $"{section}.buffer-size: must be 0 or more");
        return settings;
    }

    /// <summary>These settings for a singleton on members with <paramref name="role"/>.</summary>
    public ClusterSingletonProxySettings WithRole(string? role) => this with { Role = role ?? "" };
}
