using Orchestrator.Hocon;

namespace Orchestrator.Host.Startup;

/// <summary>The <c>orchestrator.host</c> section (documented in this program's reference.conf).</summary>
public sealed record HostSettings
{
    private const string Section = "orchestrator.host";

    /// <summary>Name of the actor system.</summary>
    public string SystemName { get; init; } = "orch";

    /// <summary>Folder of the process's state (journal, secret, client configuration).</summary>
    public string DataDir { get; init; } = ".orch";

    /// <summary>Whether this process runs a node agent.</summary>
    public bool RunNodeAgent { get; init; } = true;

    /// <summary>Manifests applied by <c>up --demo</c>.</summary>
    public string DemoManifests { get; init; } = "examples/hello";

    /// <summary>How long <c>up --demo</c> shows progress.</summary>
    public TimeSpan DemoWait { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long to wait for the Docker engine at start.</summary>
    public TimeSpan DockerCheckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>node</c> waits for the seed.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>host</c> and <c>up</c> wait to become an Up cluster member.</summary>
    public TimeSpan MemberUpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads the section of a fully merged configuration, naming a bad value and where it is.</summary>
    public static HostSettings From(Config config)
    {
        var s = config.GetConfig(Section);
        var settings = new HostSettings
        {
            SystemName = s.GetString("system-name"),
            DataDir = s.GetString("data-dir"),
            RunNodeAgent = s.GetBoolean("run-node-agent"),
            DemoManifests = s.GetString("demo-manifests"),
            DemoWait = s.GetTimeSpan("demo-wait"),
            DockerCheckTimeout = s.GetTimeSpan("docker-check-timeout"),
            JoinTimeout = s.GetTimeSpan("join-timeout"),
            MemberUpTimeout = s.GetTimeSpan("member-up-timeout"),
        };
        if (string.IsNullOrWhiteSpace(settings.DataDir))
            throw new ConfigException(s.OriginOf("data-dir"), $"{Section}.data-dir must name a folder");
        if (settings.DockerCheckTimeout <= TimeSpan.Zero)
            throw new ConfigException(s.OriginOf("docker-check-timeout"), $"{Section}.docker-check-timeout must be a positive duration");
        if (settings.JoinTimeout <= TimeSpan.Zero)
            throw new ConfigException(s.OriginOf("join-timeout"), $"{Section}.join-timeout must be a positive duration");
        if (settings.MemberUpTimeout <= TimeSpan.Zero)
            throw new ConfigException(s.OriginOf("member-up-timeout"), $"{Section}.member-up-timeout must be a positive duration");
        return settings;
    }
}
