using System.Net;
using System.Net.Sockets;
using Orchestrator.Host.Roles;
using Orchestrator.Host.Startup;
using Orchestrator.NodeAgent.Docker;
using Orchestrator.TestKit;
using Xunit.Sdk;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// A real <c>orch up</c> process in a temporary folder, on a free port, with a node name of its own (so its
/// node agent sees only its own containers), and orchctl runs against it from that folder. Disposing stops it
/// with SIGTERM and removes whatever containers its node left.
/// </summary>
public sealed class OrchUp : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly ProgramRun.OutputBuffer _stdout;
    private readonly ProgramRun.OutputBuffer _stderr;

    private readonly bool _keepFolder;

    private OrchUp(string folder, string nodeName, System.Diagnostics.Process process, bool keepFolder)
    {
        Folder = folder;
        NodeName = nodeName;
        _keepFolder = keepFolder;
        _process = process;
        _stdout = new ProgramRun.OutputBuffer(process.StandardOutput);
        _stderr = new ProgramRun.OutputBuffer(process.StandardError);
    }

    /// <summary>The process's working folder (its data folder is <c>.orch</c> inside).</summary>
    public string Folder { get; }

    /// <summary>The name of its node (<c>up</c> processes only; their names start with <c>test-</c>).</summary>
    public string NodeName { get; }

    /// <summary>Timing of the current environment (CI dilates).</summary>
    public static TestKitSettings Timing { get; } = TestKitSettings.FromEnvironment();

    /// <summary>What the process printed so far.</summary>
    public string Output => _stdout.Text + _stderr.Text;

    /// <summary>The process.</summary>
    public System.Diagnostics.Process Process => _process;

    /// <summary>The cluster address its banner printed, <c>orch.tcp://orch@127.0.0.1:PORT</c>.</summary>
    public string Address => _stdout.Text.Split('\n').First(l => l.StartsWith(Banner.ReadyPrefix, StringComparison.Ordinal))[Banner.ReadyPrefix.Length..].Trim();

    /// <summary><see cref="Address"/> as <c>HOST:PORT</c>, what <c>--seed</c> and <c>--join</c> take.</summary>
    public string HostPort => Address[(Address.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>Starts <c>orch up</c> with <paramref name="extraArgs"/> and waits until it prints its admin endpoint.</summary>
    public static Task<OrchUp> StartAsync(params string[] extraArgs) => StartAsync(null, extraArgs);

    /// <summary>Like <see cref="StartAsync(string[])"/>, after <paramref name="prepare"/> has filled the working folder.</summary>
    public static Task<OrchUp> StartAsync(Action<string>? prepare, params string[] extraArgs)
    {
        var nodeName = "test-" + Guid.NewGuid().ToString("N")[..10];
        return LaunchAsync(["up", "--port", "0", "--node-name", nodeName, .. extraArgs], null, prepare, nodeName, null, keepFolder: false);
    }

    /// <summary>
    /// Starts <c>orch</c> with <paramref name="args"/> (e.g. <c>host --config host.conf</c>) in a new folder, or in
    /// <paramref name="existingFolder"/> to restart a process on its state; <paramref name="keepFolder"/> leaves the
    /// folder for such a restart.
    /// </summary>
    public static Task<OrchUp> StartCommandAsync(string[] args, IReadOnlyDictionary<string, string>? environment, Action<string>? prepare,
        string? existingFolder = null, bool keepFolder = false) =>
        LaunchAsync(args, environment, prepare, "none-" + Guid.NewGuid().ToString("N")[..10], existingFolder, keepFolder);

    private static async Task<OrchUp> LaunchAsync(string[] args, IReadOnlyDictionary<string, string>? environment, Action<string>? prepare,
        string nodeName, string? existingFolder, bool keepFolder)
    {
        var folder = existingFolder ?? Directory.CreateTempSubdirectory("orch-up-").FullName;
        prepare?.Invoke(folder);
        var process = ProgramRun.Start(ProgramRun.Orch, folder, environment, args);
        var up = new OrchUp(folder, nodeName, process, keepFolder);
        if (!await up._stdout.WaitForAsync(Banner.ReadyPrefix.Trim(), Timing.Dilated(TimeSpan.FromSeconds(60))))
        {
            await up.DisposeAsync();
            throw new XunitException($"orch {string.Join(' ', args)} did not start: {up.Output}");
        }

        return up;
    }

    /// <summary>Runs orchctl in the cluster's folder (so it reads <c>.orch/client.conf</c> by default).</summary>
    public Task<ProgramResult> Ctl(params string[] args) => CtlWithInput(null, args);

    /// <summary>Runs orchctl with <paramref name="stdin"/> on its standard input.</summary>
    public Task<ProgramResult> CtlWithInput(string? stdin, params string[] args) =>
        ProgramRun.RunAsync(ProgramRun.Orchctl, Folder, Timing.Dilated(TimeSpan.FromSeconds(90)), stdin, null, args);

    /// <summary>Starts a long-running orchctl (such as <c>get -w</c>) in the cluster's folder; its output is read as it comes.</summary>
    public (System.Diagnostics.Process Process, ProgramRun.OutputBuffer Output) StartCtl(params string[] args)
    {
        var process = ProgramRun.Start(ProgramRun.Orchctl, Folder, null, args);
        return (process, new ProgramRun.OutputBuffer(process.StandardOutput));
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        ProgramRun.Terminate(_process);
        await _process.WaitForExitAsync().WaitAsync(Timing.Dilated(TimeSpan.FromSeconds(60)));
        await _stdout.Pump;
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        if (NodeName.StartsWith("test-", StringComparison.Ordinal)) await RemoveNodeContainersAsync();
        if (!_keepFolder) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Removes what the node's agent left behind (containers carry the node's label).</summary>
    private async Task RemoveNodeContainersAsync()
    {
        using var docker = new DockerClient(DockerClientOptions.FromEnvironment());
        IReadOnlyList<ContainerSummary> left;
        try
        {
            left = await docker.Containers.ListAsync(DockerFilters.ForLabel(WorkerRole.NodeLabel, NodeName), all: true);
        }
        catch (DockerUnavailableException)
        {
            return; // No engine now: it holds nothing of ours to remove.
        }

        foreach (var container in left)
        {
            try
            {
                await docker.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true);
            }
            catch (DockerApiException)
            {
                // Already being removed by the engine.
            }
        }
    }

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
