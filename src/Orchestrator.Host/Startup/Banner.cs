using Orchestrator.Hocon;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Startup;

/// <summary>What a started process prints: where it listens, where its state is, and what to type next.</summary>
public static class Banner
{
    /// <summary>The line tests and scripts wait for: the process accepts admin commands once it is printed.</summary>
    public const string ReadyPrefix = "  admin endpoint   ";

    /// <summary>Prints the banner of a started process.</summary>
    public static void Print(TextWriter output, ProcessKind kind, ActorSystem system, string? clientConfig, Config config, string? nodeName, string? dockerVersion)
    {
        if (clientConfig is null)
        {
            output.WriteLine($"orch node: worker \"{nodeName}\" (Docker {dockerVersion}) joined the control plane and runs its pods");
            output.WriteLine(ReadyPrefix + system.Address);
            output.WriteLine("Check from the control plane's folder: ./orchctl get nodes. Stop with Ctrl+C.");
            output.Flush();
            return;
        }

        var journal = config.GetString("orchestrator.persistence.journal.plugin");
        var where = journal == "sqlite" ? config.GetString("orchestrator.persistence.sqlite.path") : "PostgreSQL";
        output.WriteLine(kind == ProcessKind.Up ? $"orch up: single-host cluster \"{system.Name}\" is running" : $"orch host: control-plane member of \"{system.Name}\" is running");
        output.WriteLine(ReadyPrefix + system.Address);
        var byDefault = Path.GetFullPath(clientConfig) == Path.GetFullPath(Path.Combine(".orch", Actors.Admin.AdminClientConfig.FileName));
        output.WriteLine(byDefault
            ? $"  client config    {clientConfig} (orchctl run from this folder reads it; elsewhere: --config or ORCH_CONFIG)"
            : $"  client config    {clientConfig} (pass it to orchctl with --config or ORCH_CONFIG)");
        output.WriteLine($"  journal          {journal} ({where})");
        if (nodeName is not null) output.WriteLine($"  node             {nodeName} (Docker {dockerVersion})");
        output.WriteLine();
        output.WriteLine("Next:");
        output.WriteLine("  ./orchctl get nodes");
        output.WriteLine("  ./orchctl apply -f examples/hello/");
        output.WriteLine("  ./orchctl get pods");
        output.WriteLine("Stop with Ctrl+C.");
        output.Flush();
    }
}
