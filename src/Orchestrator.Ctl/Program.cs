// Entry point of orchctl, the admin console's command-line client; see docs/orchctl.md.
using Orchestrator.Ctl.Cli;

var context = new CtlContext(Console.Out, Console.Error, Console.In, () => DateTimeOffset.UtcNow)
{
    InputBytes = Console.OpenStandardInput,
    InputIsTerminal = !Console.IsInputRedirected,
};
return await CtlCommandLine.Build(context).Parse(args).InvokeAsync();
