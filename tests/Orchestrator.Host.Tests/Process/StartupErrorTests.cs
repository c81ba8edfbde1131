using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Host.Tests.Process;

/// <summary>How the real <c>orch</c> program starts, stops, and refuses to start.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orch-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<ProgramResult> Orch(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ProgramRun.RunAsync(ProgramRun.Orch, _folder, OrchUp.Timing.Dilated(TimeSpan.FromSeconds(90)), null, environment, args);

    [Fact]
    public async Task A_bad_config_file_exits_non_zero_naming_the_file_and_line()
    {
        var path = Path.Combine(_folder, "bad.conf");
        await File.WriteAllTextAsync(path, "orchestrator {\n  remote {\n    port = 0\n    hostname = \"127.0.0.1\n  }\n}\n");
        var result = await Orch(null, "up", "--config", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Matches($@"^error: bad configuration: {System.Text.RegularExpressions.Regex.Escape(path)}:4:\d+: ", result.Stderr);
    }

    [Fact]
    public async Task A_port_in_use_exits_non_zero_saying_so()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var result = await Orch(null, "up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-name", "port-test");
        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith($"error: port {port} on 127.0.0.1 is in use", result.Stderr);
    }

    [Fact]
    public async Task An_unreachable_seed_exits_non_zero_naming_it()
    {
        var seed = $"127.0.0.1:{OrchUp.FreePort()}";
        var result = await Orch(new Dictionary<string, string> { ["ORCH_CLUSTER_SECRET"] = "s" }, "node", "--join", seed, "--port", "0");
        Assert.Equal(6, result.ExitCode);
        Assert.StartsWith($"error: the seed {seed} did not answer", result.Stderr);
    }

    [Fact]
    public async Task A_host_whose_seeds_do_not_answer_exits_non_zero_naming_them()
    {
        var seed = $"127.0.0.1:{OrchUp.FreePort()}";
        var path = Path.Combine(_folder, "short.conf");
        await File.WriteAllTextAsync(path, "orchestrator.host.member-up-timeout = 3s\n");
        var result = await Orch(null, "host", "--config", path, "--port", "0", "--seed", seed);
        Assert.Equal(6, result.ExitCode);
        Assert.StartsWith($"error: this process did not become a cluster member within 3 s: no seed answered (orch.tcp://orch@{seed})", result.Stderr);
    }

    [Fact]
    public async Task A_seed_that_is_not_host_and_port_exits_2_naming_it()
    {
        var result = await Orch(null, "host", "--port", "0", "--seed", "localhost");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --seed localhost: expected HOST:PORT", result.Stderr);
    }

    [Fact]
    public async Task Sigterm_stops_the_process_cleanly_and_a_second_up_in_the_same_folder_is_refused_meanwhile()
    {
        await using var up = await OrchUp.StartAsync();
        var second = await ProgramRun.RunAsync(ProgramRun.Orch, up.Folder, OrchUp.Timing.Dilated(TimeSpan.FromSeconds(60)), null, null, "up", "--port", "0");
        Assert.Equal(5, second.ExitCode);
        Assert.Contains("another orch process uses the data folder", second.Stderr);

        Assert.Equal(0, await up.StopAsync());
        Assert.Contains("orch up: stopped (SIGTERM received)", up.Output);
    }
}
