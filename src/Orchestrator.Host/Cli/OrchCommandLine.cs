using System.CommandLine;
using Orchestrator.Host.Startup;

namespace Orchestrator.Host.Cli;

/// <summary>The <c>orch</c> command line: <c>up</c>, <c>host</c> and <c>node</c>, each a <see cref="ClusterProcess"/>.</summary>
public static class OrchCommandLine
{
    /// <summary>The root command; <paramref name="output"/> receives the banner and progress.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ActorOrchestrator: run a cluster process (control plane, node, or both).");
        root.Add(Up(output, error));
        root.Add(HostCommand(output, error));
        root.Add(Node(output, error));
        return root;
    }

    private static Command Up(TextWriter output, TextWriter error)
    {
        var command = new Command("up", "Run a single-host cluster in this process: object store, admin console and a node agent (journal in SQLite under ./.orch/).");
        var common = CommonOptions.AddTo(command, "hocon/up.conf (when present)");
        var demo = new Option<bool>("--demo") { Description = "Also apply examples/hello/ and show it converge." };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name (default: the host name)." };
        command.Add(demo);
        command.Add(nodeName);
        command.SetAction((parse, _) => Run(new ProcessOptions(ProcessKind.Up, common.ConfigFile(parse, "hocon/up.conf"), parse.GetValue(common.Hostname), parse.GetValue(common.Port),
            parse.GetValue(common.DataDir), parse.GetValue(nodeName), parse.GetValue(demo)), output, error));
        return command;
    }

    private static Command HostCommand(TextWriter output, TextWriter error)
    {
        var command = new Command("host", "Run a control-plane member of a cluster: its share of the object store, the scheduler and controllers (on the oldest member), "
            + "and an admin console (PostgreSQL journal shared by every member with hocon/host.conf).");
        var common = CommonOptions.AddTo(command, "none");
        var seeds = new Option<string[]>("--seed")
        {
            Description = "HOST:PORT of a control-plane member to join (repeatable; default: orchestrator.cluster.seed-nodes, else start a new cluster).",
            AllowMultipleArgumentsPerToken = false,
        };
        command.Add(seeds);
        command.SetAction((parse, _) => Run(new ProcessOptions(ProcessKind.Host, common.ConfigFile(parse, null), parse.GetValue(common.Hostname), parse.GetValue(common.Port),
            parse.GetValue(common.DataDir), Seeds: parse.GetValue(seeds) ?? []), output, error));
        return command;
    }

    private static Command Node(TextWriter output, TextWriter error)
    {
        var command = new Command("node", "Join a cluster as a worker node running the node agent.");
        var common = CommonOptions.AddTo(command, "hocon/node.conf (when present)");
        var join = new Option<string>("--join") { Description = "HOST:PORT of a control-plane process (its admin endpoint).", Required = true };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name (default: the host name)." };
        command.Add(join);
        command.Add(nodeName);
        command.SetAction((parse, _) => Run(new ProcessOptions(ProcessKind.Node, common.ConfigFile(parse, "hocon/node.conf"), parse.GetValue(common.Hostname), parse.GetValue(common.Port),
            parse.GetValue(common.DataDir), parse.GetValue(nodeName), Join: parse.GetValue(join)), output, error));
        return command;
    }

    private static async Task<int> Run(ProcessOptions options, TextWriter output, TextWriter error)
    {
        try
        {
            return await new ClusterProcess(options, output).RunAsync().ConfigureAwait(false);
        }
        catch (StartupException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
    }

    /// <summary>Options every process takes.</summary>
    private sealed record CommonOptions(Option<string?> Config, Option<string?> Hostname, Option<int?> Port, Option<string?> DataDir)
    {
        public static CommonOptions AddTo(Command command, string defaultFile)
        {
            var options = new CommonOptions(
                new Option<string?>("--config", "-c") { Description = $"HOCON file with this process's settings (default: {defaultFile})." },
                new Option<string?>("--hostname") { Description = "Address to listen on and advertise (orchestrator.remote.hostname)." },
                new Option<int?>("--port", "-p") { Description = "TCP port of the cluster endpoint; 0 = any free port (orchestrator.remote.port)." },
                new Option<string?>("--data-dir") { Description = "Folder of this process's state (orchestrator.host.data-dir, default .orch)." });
            command.Add(options.Config);
            command.Add(options.Hostname);
            command.Add(options.Port);
            command.Add(options.DataDir);
            return options;
        }

        /// <summary>The --config file, or the kind's default file when it exists.</summary>
        public string? ConfigFile(ParseResult parse, string? fallback) =>
            parse.GetValue(Config) ?? (fallback is not null && File.Exists(fallback) ? fallback : null);
    }
}
