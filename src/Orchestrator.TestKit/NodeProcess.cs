using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

/// <summary>
/// A real OS process of the test node program (tests/Orchestrator.TestNode), for tests that need
/// separate processes: crash tests, multi-node specs. Its standard output is read line by line
/// for expectations; <see cref="Kill"/> sends SIGKILL, as a crashing machine would.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _history = new();
    private readonly TestKitSettings _settings;

    private NodeProcess(Process process, TestKitSettings settings)
    {
        _process = process;
        _settings = settings;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            _history.Enqueue(line);
            _lines.Add(line);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _errors.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every line the process wrote to standard output so far, consumed by an expectation or not.</summary>
    public IReadOnlyList<string> OutputHistory => _history.ToArray();

    /// <summary>What the process wrote to standard error so far.</summary>
    public string StandardError => string.Join(Environment.NewLine, _errors);

    /// <summary>Starts the test node program with <paramref name="arguments"/>.</summary>
    public static NodeProcess Start(TestKitSettings settings, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TestNodeAssembly());
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new XunitException("Could not start the test node process.");
        return new NodeProcess(process, settings);
    }

    /// <summary>Writes <paramref name="line"/> to the process's standard input (modes that read commands).</summary>
    public void SendLine(string line)
    {
        if (_process.HasExited) throw new XunitException($"Node process {Id} has exited (code {_process.ExitCode}); cannot send '{line}'.");
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the process exits by itself; fails when it is still running after <paramref name="timeout"/> (dilated).</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        var wait = _settings.Dilated(timeout);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            throw new XunitException($"Node process {Id} did not exit within {wait.TotalSeconds:0} s.");
        }
        return _process.ExitCode;
    }

    /// <summary>Waits for an output line matching <paramref name="predicate"/>, skipping others; returns it.</summary>
    public string ExpectLine(Func<string, bool> predicate, TimeSpan timeout, string description)
    {
        var wait = _settings.Dilated(timeout);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var left = wait - watch.Elapsed;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
                throw new XunitException($"Node process {Id} did not print {description} within {wait.TotalSeconds:0} s" +
                                         $"{(HasExited ? $" (it exited with code {_process.ExitCode})" : "")}. Standard error: {StandardError}");
            if (predicate(line)) return line;
        }
    }

    /// <summary>Every output line received so far and not yet consumed by an expectation.</summary>
    public IReadOnlyList<string> DrainLines()
    {
        var result = new List<string>();
        while (_lines.TryTake(out var line)) result.Add(line);
        return result;
    }

    /// <summary>Kills the process with SIGKILL and waits until it is gone.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(_settings.Dilated(TimeSpan.FromSeconds(30)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Kill();
        _process.Dispose();
    }

    /// <summary>The test node program built next to the test assemblies' configuration (Debug or Release).</summary>
    private static string TestNodeAssembly()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dir = new DirectoryInfo(baseDir);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorOrchestrator.sln"))) dir = dir.Parent;
        if (dir is null) throw new XunitException($"Cannot find the repository root above {baseDir}.");
        var path = Path.Combine(dir.FullName, "tests", "Orchestrator.TestNode", "bin", configuration, "net10.0", "Orchestrator.TestNode.dll");
        return File.Exists(path)
            ? path
            : throw new XunitException($"The test node program is not built: {path} is missing (build the solution first).");
    }
}
