using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using Orchestrator.Actors.Admin;
using Orchestrator.Actors.NodeApi;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// <c>exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [ARGS...]</c>: runs the command in the container through the pod's
/// node agent (Docker exec), writes its stdout and stderr as they arrive, with <c>-i</c> passes orchctl's stdin to it
/// (its end closes the process's stdin), with <c>-t</c> gives it a terminal, and exits with its exit code, saying
/// <c>command terminated with exit code N</c> on stderr as kubectl does.
/// </summary>
public static class ExecCommand
{
    /// <summary>kubectl's warning for <c>-t</c> without a terminal on stdin; the command then runs without one.</summary>
    public const string NoTtyWarning = "Unable to use a TTY - input is not a terminal or the right kind of file";

    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("exec", "Execute a command in a container.");
        var target = PodArgs.Target();
        var commandLine = new Argument<string[]>("command") { Description = "-- COMMAND [ARGS...]", Arity = ArgumentArity.OneOrMore };
        var container = PodArgs.Container();
        var stdin = new Option<bool>("--stdin", "-i") { Description = "Pass stdin to the container." };
        var tty = new Option<bool>("--tty", "-t") { Description = "Stdin is a TTY (in raw mode while the command runs)." };
        foreach (var option in new Option[] { container, stdin, tty }) command.Add(option);
        command.Add(target);
        command.Add(commandLine);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            var context = runner.Context;
            var withStdin = parse.GetValue(stdin);
            var withTty = parse.GetValue(tty);
            if (withTty && !(withStdin && context.InputIsTerminal))
            {
                await context.Error.WriteLineAsync(NoTtyWarning).ConfigureAwait(false);
                withTty = false;
            }

            var request = new PodExec(parse.GetValue(target)!, parse.GetValue(runner.Global.Namespace), parse.GetValue(container),
                parse.GetValue(commandLine) ?? [], withStdin, withTty);
            return await runner.WithConnection(parse, connection => Run(context, connection, request, cancel)).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> Run(CtlContext context, AdminConnection connection, PodExec request, CancellationToken cancel)
    {
        var terminal = request.Tty ? await RawTerminal.EnterAsync().ConfigureAwait(false) : null;
        int? exitCode;
        try
        {
            exitCode = await Relay(context, connection, request, cancel).ConfigureAwait(false);
        }
        finally
        {
            terminal?.Dispose();
        }

        if (exitCode is not { } code) return 1;
        if (code != 0) await context.Error.WriteLineAsync($"command terminated with exit code {code}").ConfigureAwait(false);
        return code;
    }

    // The exit code, or null when cancelled (Ctrl-C) before the command ended.
    private static async Task<int?> Relay(CtlContext context, AdminConnection connection, PodExec request, CancellationToken cancel)
    {
        var output = new OutputWriter(context.Out);
        var errors = new OutputWriter(context.Error);
        await using var stream = RelayStream.Open(connection, request);
        using var resizes = request.Tty && !OperatingSystem.IsWindows()
            ? PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => { _ = SendSizeAsync(stream); })
            : null;
        await foreach (var message in stream.ReadAnswersAsync(context.Error, cancel).ConfigureAwait(false))
        {
            switch (message)
            {
                case ExecStarted:
                    if (request.Tty) await SendSizeAsync(stream).ConfigureAwait(false);
                    if (request.Stdin) _ = Task.Run(() => PumpInputAsync(context, stream, cancel), CancellationToken.None);
                    break;
                case ExecOutput chunk:
                    await (chunk.Stream == "stderr" ? errors : output).WriteAsync(chunk.Data).ConfigureAwait(false);
                    break;
                case ExecCompleted completed:
                    return completed.ExitCode;
                case ExecFailed failed:
                    throw new CtlException("error: " + failed.Message);
            }
        }

        return null;
    }

    // The terminal's size now (after the start, and on SIGWINCH when the window changed); a size stty cannot tell is not sent.
    private static async Task SendSizeAsync(RelayStream stream)
    {
        try
        {
            if (await RawTerminal.SizeAsync().ConfigureAwait(false) is { } size) stream.Send(new ExecResize(size.Rows, size.Columns));
        }
        catch (CtlException)
        {
            // The command runs on with the size it has.
        }
    }

    // Reads orchctl's stdin until it ends and sends it in order; a read still blocked when the command ends dies with the process.
    private static async Task PumpInputAsync(CtlContext context, RelayStream stream, CancellationToken cancel)
    {
        try
        {
            await SendInputAsync(context, stream, cancel).ConfigureAwait(false);
            stream.Send(ExecInputEnd.Instance);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the session ends with the relay stream.
        }
    }

    private static async Task SendInputAsync(CtlContext context, RelayStream stream, CancellationToken cancel)
    {
        if (context.InputBytes is { } open)
        {
            var input = open();
            var buffer = new byte[16 * 1024];
            int read;
            while (!cancel.IsCancellationRequested && (read = await input.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                stream.Send(new ExecInput(buffer.AsSpan(0, read).ToArray()));
        }
        else
        {
            var buffer = new char[4 * 1024];
            int read;
            while (!cancel.IsCancellationRequested && (read = await context.In.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                stream.Send(new ExecInput(Encoding.UTF8.GetBytes(buffer, 0, read)));
        }
    }

    // Decodes one output stream's bytes as they come: a chunk may end inside a UTF-8 character.
    private sealed class OutputWriter(TextWriter writer)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

        public async Task WriteAsync(byte[] data)
        {
            var chars = new char[_decoder.GetCharCount(data, flush: false)];
            _decoder.GetChars(data, chars, flush: false);
            await writer.WriteAsync(chars).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }
}
