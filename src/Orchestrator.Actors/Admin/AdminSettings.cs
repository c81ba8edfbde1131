using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Actors.Admin;

/// <summary>The <c>orchestrator.admin</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
public sealed record AdminSettings
{
    private const string Section = "orchestrator.admin";

    /// <summary>How long one admin command waits for each answer of the object store (default 20 seconds).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Most Events shown per object by <c>describe</c> (default 20).</summary>
    public int DescribeEvents { get; init; } = 20;

    /// <summary>How long <c>logs</c> and <c>exec</c> wait for a pod's node agent to answer at its published address (default 5 seconds).</summary>
    public TimeSpan NodeAgentTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the section (this module's reference.conf behind <paramref name="config"/>), naming a bad value and where it is.</summary>
    public static AdminSettings From(Config config)
    {
        var s = config.WithFallback(ReferenceConfig.Of(typeof(AdminSettings).Assembly)).GetConfig(Section);
        var timeout = s.GetTimeSpan("request-timeout");
        if (timeout <= TimeSpan.Zero)
            throw new ConfigException(s.OriginOf("request-timeout"), $"{Section}.request-timeout must be a positive duration, not {timeout}.");
        var events = s.GetInt("describe-events");
        if (events < 0)
            throw new ConfigException(s.OriginOf("describe-events"), $"{Section}.describe-events must be 0 or more, not {events}.");
        var agentTimeout = s.GetTimeSpan("node-agent-timeout");
        if (agentTimeout <= TimeSpan.Zero)
            throw new ConfigException(s.OriginOf("node-agent-timeout"), $"{Section}.node-agent-timeout must be a positive duration, not {agentTimeout}.");
        return new AdminSettings { RequestTimeout = timeout, DescribeEvents = events, NodeAgentTimeout = agentTimeout };
    }
}
