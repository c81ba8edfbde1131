using System.CommandLine;

namespace Orchestrator.Ctl.Cli;

/// <summary>Options every command takes, as kubectl's global flags.</summary>
public sealed class GlobalOptions
{
    /// <summary><c>--config</c>: the client configuration file (default <c>.orch/client.conf</c>, or <c>ORCH_CONFIG</c>).</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "Client configuration file (default: $ORCH_CONFIG, else ./.orch/client.conf written by `orch up`).", Recursive = true };

    /// <summary><c>-n</c>: the namespace.</summary>
    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace of the request (default: default).", Recursive = true };

    /// <summary><c>--request-timeout</c> in seconds.</summary>
    public Option<int> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds to wait for each answer of the cluster.", DefaultValueFactory = _ => 30, Recursive = true };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(Command root)
    {
        root.Add(Config);
        root.Add(Namespace);
        root.Add(RequestTimeout);
    }
}
