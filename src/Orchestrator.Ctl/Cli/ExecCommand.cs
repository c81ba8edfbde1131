using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Actors.NodeApi;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// <c>exec POD [-c CONTAINER] -- COMMAND [ARGS...]</c>: runs the command in the container through the pod's node agent
/// (Docker exec), prints its stdout and stderr when it has ended, and exits with its exit code, saying
/// <c>command terminated with exit code N</c> on stderr as kubectl does. No TTY and no stdin yet.
/// </summary>
public static class ExecCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("exec", "Execute a command in a container.");
        var target = PodArgs.Target();
        var commandLine = new Argument<string[]>("command") { Description = "-- COMMAND [ARGS...]", Arity = ArgumentArity.OneOrMore };
        var container = PodArgs.Container();
        var stdin = new Option<bool>("--stdin", "-i") { Description = "Pass stdin to the container (not supported yet)." };
        var tty = new Option<bool>("--tty", "-t") { Description = "Allocate a TTY (not supported yet)." };
        foreach (var option in new Option[] { container, stdin, tty }) command.Add(option);
        command.Add(target);
        command.Add(commandLine);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            if (parse.GetValue(stdin) || parse.GetValue(tty))
                throw new CtlException("error: exec -i and -t are not supported yet: the node agent runs commands without stdin or a TTY; run it without them");
            var request = new PodExec(parse.GetValue(target)!, parse.GetValue(runner.Global.Namespace), parse.GetValue(container), parse.GetValue(commandLine) ?? []);
            return await runner.WithConnection(parse, connection => Run(runner.Context, connection, request, cancel)).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> Run(CtlContext context, AdminConnection connection, PodExec request, CancellationToken cancel)
    {
        await using var stream = RelayStream.Open(connection, request);
        await foreach (var message in stream.ReadAnswersAsync(context.Error, cancel).ConfigureAwait(false))
        {
            switch (message)
            {
                case ExecCompleted completed:
                    await context.Out.WriteAsync(completed.Stdout).ConfigureAwait(false);
                    await context.Error.WriteAsync(completed.Stderr).ConfigureAwait(false);
                    if (completed.ExitCode != 0)
                        await context.Error.WriteLineAsync($"command terminated with exit code {completed.ExitCode}").ConfigureAwait(false);
                    return completed.ExitCode;
                case ExecFailed failed:
                    throw new CtlException("error: " + failed.Message);
            }
        }

        return 1;
    }
}
