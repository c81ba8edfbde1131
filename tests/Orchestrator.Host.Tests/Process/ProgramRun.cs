using System.Diagnostics;
using System.Text;

namespace Orchestrator.Host.Tests.Process;

/// <summary>The result of one run of a program: exit code and everything it printed.</summary>
public sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built programs (orch, orchctl) as real processes, as a user runs them.</summary>
public static class ProgramRun
{
    /// <summary>The built <c>orch</c> program.</summary>
    public static string Orch => Built("Orchestrator.Host", "orch.dll");

    /// <summary>The built <c>orchctl</c> program.</summary>
    public static string Orchctl => Built("Orchestrator.Ctl", "orchctl.dll");

    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>, output redirected.</summary>
    public static System.Diagnostics.Process Start(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(program);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ORCH_CONFIG"] = null;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
    }

    /// <summary>Runs <paramref name="program"/> to its end (killed after <paramref name="timeout"/>), feeding <paramref name="stdin"/>.</summary>
    public static async Task<ProgramResult> RunAsync(string program, string workingDirectory, TimeSpan timeout, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(program, workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not end within {timeout.TotalSeconds:0} s; output: {await stdout} {await stderr}");
        }

        return new ProgramResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the process does.</summary>
    public static void Terminate(System.Diagnostics.Process process)
    {
        if (process.HasExited) return;
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static string Built(string project, string assembly)
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built (build the test project or the solution first)", path);
    }

    /// <summary>Reads a process's standard output line by line into a buffer tests can wait on.</summary>
    public sealed class OutputBuffer
    {
        private readonly StringBuilder _text = new();
        private readonly object _lock = new();
        private readonly List<(string Needle, TaskCompletionSource<bool> Seen)> _waiters = [];

        /// <summary>Starts reading <paramref name="reader"/> in the background.</summary>
        public OutputBuffer(StreamReader reader) => Pump = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_lock)
                {
                    _text.AppendLine(line);
                    Release(seen: true);
                }
            }

            lock (_lock) Release(seen: false);
        });

        /// <summary>
        /// True once the output contains <paramref name="needle"/>; false when the stream ends without it or
        /// <paramref name="timeout"/> passes first.
        /// </summary>
        public async Task<bool> WaitForAsync(string needle, TimeSpan timeout)
        {
            var seen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (_text.ToString().Contains(needle, StringComparison.Ordinal)) return true;
                if (Pump.IsCompleted) return false;
                _waiters.Add((needle, seen));
            }

            try
            {
                return await seen.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private void Release(bool seen)
        {
            var text = _text.ToString();
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (needle, waiter) = _waiters[i];
                if (seen && !text.Contains(needle, StringComparison.Ordinal)) continue;
                waiter.TrySetResult(seen);
                _waiters.RemoveAt(i);
            }
        }

        /// <summary>Completes when the stream ends.</summary>
        public Task Pump { get; }

        /// <summary>Everything read so far.</summary>
        public string Text
        {
            get
            {
                lock (_lock) return _text.ToString();
            }
        }
    }
}
