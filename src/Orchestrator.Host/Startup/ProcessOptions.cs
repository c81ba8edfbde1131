using System.Globalization;

namespace Orchestrator.Host.Startup;

/// <summary>Which process <c>orch</c> runs.</summary>
public enum ProcessKind
{
    /// <summary><c>orch up</c>: control plane and node agent in one process.</summary>
    Up,

    /// <summary><c>orch host</c>: a control-plane member.</summary>
    Host,

    /// <summary><c>orch node</c>: a worker running the node agent.</summary>
    Node,
}

/// <summary>
/// What the command line asked for; every value left null comes from the configuration. <paramref name="Seeds"/>
/// are <c>HOST:PORT</c> of control-plane members to join (<c>orch host --seed</c>).
/// </summary>
public sealed record ProcessOptions(
    ProcessKind Kind,
    string? ConfigFile = null,
    string? Hostname = null,
    int? Port = null,
    string? DataDir = null,
    string? NodeName = null,
    bool Demo = false,
    string? Join = null,
    IReadOnlyList<string>? Seeds = null)
{
    /// <summary>The flags as configuration keys, which win over the file and the references.</summary>
    public IReadOnlyDictionary<string, string> Overrides()
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal) { ["orchestrator.remote.enabled"] = "on" };
        if (Hostname is not null) overrides["orchestrator.remote.hostname"] = Hostname;
        if (Port is { } port) overrides["orchestrator.remote.port"] = port.ToString(CultureInfo.InvariantCulture);
        if (DataDir is not null) overrides["orchestrator.host.data-dir"] = DataDir;
        if (NodeName is not null) overrides["orchestrator.node-agent.node-name"] = NodeName;
        if (Kind == ProcessKind.Host) overrides["orchestrator.host.run-node-agent"] = "off";
        return overrides;
    }
}
