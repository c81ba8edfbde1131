// Composition root of the orch program (up, host, node); see docs/architecture.md and docs/orchctl.md.
using Orchestrator.Host.Cli;

return await OrchCommandLine.Build(Console.Out, Console.Error).Parse(args).InvokeAsync();
