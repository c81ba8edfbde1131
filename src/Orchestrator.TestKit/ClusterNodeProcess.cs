using System.Diagnostics;
using Orchestrator.Runtime;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

/// <summary>
/// One cluster member in its own OS process: the test node program's <c>cluster-node</c> mode on 127.0.0.1
/// (a free port unless one is given), driven by commands on its standard input (state, leave, down,
/// blackhole, heal, watch, exit) and observed through the lines it prints. See <see cref="MultiNodeCluster"/>.
/// </summary>
public sealed class ClusterNodeProcess : IAsyncDisposable
{
    private readonly TestKitSettings _settings;

    private ClusterNodeProcess(NodeProcess process, Address address, TestKitSettings settings)
    {
        Process = process;
        Address = address;
        _settings = settings;
    }

    /// <summary>The OS process.</summary>
    public NodeProcess Process { get; }

    /// <summary>The member's address (its actor system's).</summary>
    public Address Address { get; }

    /// <summary>
    /// Starts a member that joins through <paramref name="seeds"/> (none: it starts a new cluster), on
    /// <paramref name="port"/> (0: any free port), with <paramref name="extraConfig"/> HOCON on top.
    /// Returns once it listens.
    /// </summary>
    public static ClusterNodeProcess Start(TestKitSettings settings, string secret, IReadOnlyList<Address> seeds, int port = 0, string extraConfig = "")
    {
        var seedArgument = seeds.Count == 0 ? "self" : string.Join(",", seeds);
        var process = NodeProcess.Start(settings, "cluster-node", port.ToString(), secret, seedArgument, extraConfig);
        var line = process.ExpectLine(l => l.StartsWith("listening ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "'listening <address>'");
        if (!Address.TryParse(line["listening ".Length..], out var address))
            throw new XunitException($"Node process {process.Id} printed a malformed address: {line}");
        return new ClusterNodeProcess(process, address!, settings);
    }

    /// <summary>Sends a command line (state, leave, down &lt;address&gt;, blackhole &lt;address&gt;, heal &lt;address&gt;, watch &lt;path&gt;, exit).</summary>
    public void Send(string command) => Process.SendLine(command);

    /// <summary>The member's current view of the cluster (asked with the <c>state</c> command).</summary>
    public ClusterView State()
    {
        Send("state");
        return ClusterView.Parse(Process.ExpectLine(l => l.StartsWith("state ", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "a 'state' line"));
    }

    /// <summary>Waits until the member's view satisfies <paramref name="condition"/>; the failure shows the last view.</summary>
    public async Task AwaitState(Func<ClusterView, bool> condition, TimeSpan timeout, string description)
    {
        var deadline = Stopwatch.StartNew();
        var wait = _settings.Dilated(timeout);
        ClusterView? last = null;
        while (true)
        {
            if (Process.HasExited) throw new XunitException($"Member {Address} exited while waiting for {description}. Last view: {last}");
            last = State();
            if (condition(last)) return;
            if (deadline.Elapsed > wait) throw new XunitException($"Member {Address} did not reach {description} within {wait.TotalSeconds:0} s. Last view: {last}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the member has printed a line matching <paramref name="predicate"/> (at any time since it started); returns it.</summary>
    public async Task<string> AwaitOutput(Func<string, bool> predicate, TimeSpan timeout, string description)
    {
        var deadline = Stopwatch.StartNew();
        var wait = _settings.Dilated(timeout);
        while (true)
        {
            if (Process.OutputHistory.FirstOrDefault(predicate) is { } line) return line;
            if (deadline.Elapsed > wait)
                throw new XunitException($"Member {Address} did not print {description} within {wait.TotalSeconds:0} s. Output: {string.Join(" | ", Process.OutputHistory.TakeLast(30))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process with SIGKILL, as a crashing machine would.</summary>
    public Task Kill() => Process.Kill();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

/// <summary>A member's view of the cluster as printed by the <c>state</c> command.</summary>
/// <param name="Members">Status of each member by address.</param>
/// <param name="Unreachable">Addresses some member cannot hear.</param>
/// <param name="Leader">The leader's address, or null.</param>
public sealed record ClusterView(IReadOnlyDictionary<Address, string> Members, IReadOnlySet<Address> Unreachable, Address? Leader)
{
    /// <summary>True when exactly <paramref name="members"/> are listed and all of them are Up.</summary>
    public bool AllUp(IEnumerable<Address> members)
    {
        var expected = members.ToHashSet();
        return Members.Count == expected.Count && expected.All(a => Members.GetValueOrDefault(a) == "Up");
    }

    /// <summary>Parses <c>state members=a=Up;b=Joining unreachable=a;b leader=a</c>.</summary>
    public static ClusterView Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "");
        var members = new Dictionary<Address, string>();
        foreach (var entry in fields.GetValueOrDefault("members", "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.LastIndexOf('=');
            members[ParseAddress(entry[..eq], line)] = entry[(eq + 1)..];
        }
        var unreachable = fields.GetValueOrDefault("unreachable", "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(a => ParseAddress(a, line)).ToHashSet();
        var leader = fields.GetValueOrDefault("leader", "");
        return new ClusterView(members, unreachable, leader.Length == 0 ? null : ParseAddress(leader, line));
    }

    private static Address ParseAddress(string text, string line) =>
        Address.TryParse(text, out var address) ? address! : throw new XunitException($"Malformed address '{text}' in '{line}'.");

    /// <inheritdoc />
    public override string ToString() =>
        $"members [{string.Join(", ", Members.Select(m => $"{m.Key}={m.Value}"))}], unreachable [{string.Join(", ", Unreachable)}], leader {Leader}";
}
