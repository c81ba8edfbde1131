using Orchestrator.Hocon;

namespace Orchestrator.TestNode;

/// <summary>The configuration the node modes share: remoting on 127.0.0.1, console logging and dead-letter logging off.</summary>
internal static class NodeConfig
{
    /// <summary>Remoting on 127.0.0.1:<paramref name="port"/> with <paramref name="secret"/>, plus <paramref name="remoteExtra"/> inside <c>orchestrator.remote</c> and <paramref name="extra"/> HOCON after it.</summary>
    public static Config Loopback(string source, int port, string secret, string remoteExtra = "", string extra = "") => Config.Parse($$"""
        orchestrator {
          stdout-logging = off
          log-dead-letters = 0
          remote {
            enabled = on
            hostname = "127.0.0.1"
            port = {{port}}
            cluster-secret = "{{secret}}"
            {{remoteExtra}}
          }
        }
        {{extra}}
        """, source);
}
