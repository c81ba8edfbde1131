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
        var cluster = new Command("cluster", "Cluster membership.");
        cluster.Add(Unavailable(runner, "members", "List the cluster's members and their states.", "cluster membership (issue 4)"));
        yield return cluster;
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
