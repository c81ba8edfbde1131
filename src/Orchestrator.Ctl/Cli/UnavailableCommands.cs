using System.CommandLine;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// Commands of kubectl's set that this build cannot carry out yet, each saying what it waits for instead of
/// pretending (docs/orchctl.md lists them). They exit 1.
/// </summary>
public static class UnavailableCommands
{
    /// <summary>The commands.</summary>
    public static IEnumerable<Command> Build(CommandRunner runner)
    {
        yield return Unavailable(runner, "logs", "Print the logs of a container in a pod.", "the node agent's logs protocol");
        yield return Unavailable(runner, "exec", "Execute a command in a container.", "the node agent's exec protocol");
        yield return Unavailable(runner, "top", "Display resource (CPU/memory) usage.", "PodMetrics from the node agent");
    }

    private static Command Unavailable(CommandRunner runner, string name, string description, string waitsFor)
    {
        var command = new Command(name, description + " (not available in this build)");
        var rest = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore };
        command.Add(rest);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ =>
        {
            runner.Context.Error.WriteLine($"error: \"{name}\" is not available in this build: it needs {waitsFor}, which has not landed yet");
            return 1;
        });
        return command;
    }
}
