using System.Diagnostics;
using System.Globalization;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// The terminal of orchctl's standard input in raw mode for <c>exec -t</c> (keys go to the container as typed, Ctrl-C
/// included), through <c>stty</c> with that input inherited. Disposing restores the settings saved on entry; so does
/// the process ending (SIGTERM), so no exit path leaves the terminal raw.
/// </summary>
public sealed class RawTerminal : IDisposable
{
    private readonly string _saved;
    private int _restored;

    private RawTerminal(string saved)
    {
        _saved = saved;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Saves the terminal's settings and sets raw mode without echo.</summary>
    /// <exception cref="CtlException">stty failed.</exception>
    public static async Task<RawTerminal> EnterAsync()
    {
        var saved = (await SttyAsync("-g").ConfigureAwait(false)).Trim();
        var terminal = new RawTerminal(saved);
        try
        {
            await SttyAsync("raw", "-echo").ConfigureAwait(false);
            return terminal;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    /// <summary>The terminal's size (<c>stty size</c>), or null when it reports none.</summary>
    public static async Task<(int Rows, int Columns)?> SizeAsync()
    {
        var parts = (await SttyAsync("size").ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var rows) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var columns) && rows > 0 && columns > 0
            ? (rows, columns)
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Restore();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 1) return;
        // Synchronous on purpose: it also runs from ProcessExit, where nothing asynchronous completes.
        using var stty = Process.Start(Start(_saved));
        stty?.WaitForExit();
    }

    private static async Task<string> SttyAsync(params string[] args)
    {
        using var stty = Process.Start(Start(args)) ?? throw new CtlException("error: could not start stty to set the terminal's mode");
        var output = await stty.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await stty.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await stty.WaitForExitAsync().ConfigureAwait(false);
        if (stty.ExitCode != 0) throw new CtlException($"error: stty {string.Join(' ', args)} failed: {error.Trim()}");
        return output;
    }

    // Standard input is inherited: stty acts on the terminal it reads from.
    private static ProcessStartInfo Start(params string[] args)
    {
        var info = new ProcessStartInfo(File.Exists("/bin/stty") ? "/bin/stty" : "stty")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}
