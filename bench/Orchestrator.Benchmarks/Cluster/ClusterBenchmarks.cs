using System.Diagnostics;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Benchmarks.Cluster;

/// <summary>
/// Failure recovery of cluster membership at the default failure-detector and split-brain-resolver settings:
/// this process is one member, two more run as separate processes of this program ("cluster-peer"); each run
/// kills one peer with SIGKILL and measures the time until this member no longer lists it (unreachable, downed
/// by keep-majority, removed by the leader), then starts a replacement peer.
/// </summary>
internal static class ClusterBenchmarks
{
    private const string Secret = "cluster-benchmark";

    private static Config MemberConfig(string seeds) => Config.Parse($$"""
        orchestrator {
          stdout-logging = off
          log-dead-letters = 0
          remote { enabled = on, hostname = "127.0.0.1", port = 0, cluster-secret = "{{Secret}}" }
          cluster.seed-nodes = [{{seeds}}]
        }
        """, "cluster benchmark");

    public static void Run(string which, int runs)
    {
        if (which is not ("removal" or "all")) throw new ArgumentException($"Unknown cluster benchmark '{which}'; use removal or all.");
        var system = ActorSystem.Create("cluster-bench", MemberConfig(""));
        var cluster = Runtime.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        var peers = new List<(Process Process, Address Address)>();
        try
        {
            peers.Add(StartPeer(cluster.SelfAddress));
            peers.Add(StartPeer(cluster.SelfAddress));
            AwaitUp(cluster, peers.Select(p => p.Address));
            Harness.Run("cluster: kill -9 of a member until it is removed on the survivors (default settings)", "s", runs, () =>
            {
                var victim = peers[^1];
                peers.RemoveAt(peers.Count - 1);
                var clock = Stopwatch.StartNew();
                victim.Process.Kill();
                double? unreachableAt = null;
                while (cluster.State.MemberAt(victim.Address) is not null)
                {
                    if (unreachableAt is null && cluster.State.Unreachable.Any(m => m.Address.Equals(victim.Address))) unreachableAt = clock.Elapsed.TotalSeconds;
                    if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{victim.Address} was not removed within 60 s.");
                    Thread.Sleep(10);
                }
                var removed = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"   (unreachable after {unreachableAt:0.00} s, removed after {removed:0.00} s)");
                victim.Process.WaitForExit();
                peers.Add(StartPeer(cluster.SelfAddress));
                AwaitUp(cluster, peers.Select(p => p.Address));
                return removed;
            }, higherIsBetter: false);
        }
        finally
        {
            foreach (var (process, _) in peers) process.Kill();
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
        }
    }

    private static void AwaitUp(Runtime.Cluster.Cluster cluster, IEnumerable<Address> peers)
    {
        var expected = peers.Append(cluster.SelfAddress).ToHashSet();
        var clock = Stopwatch.StartNew();
        while (!(cluster.State.Members.Count == expected.Count && cluster.State.Members.All(m => m.Status == MemberStatus.Up && expected.Contains(m.Address))))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The benchmark cluster did not come up within 60 s.");
            Thread.Sleep(20);
        }
    }

    private static (Process, Address) StartPeer(Address seed)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ClusterBenchmarks).Assembly.Location);
        info.ArgumentList.Add("cluster-peer");
        info.ArgumentList.Add(seed.ToString());
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start a cluster benchmark peer.");
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("listening ", StringComparison.Ordinal)) { }
        if (line is null || !Address.TryParse(line["listening ".Length..], out var address)) throw new InvalidOperationException("A cluster benchmark peer exited before listening.");
        return (process, address!);
    }

    /// <summary>A peer process: a member joining through <paramref name="seed"/>, until its standard input closes.</summary>
    public static int Peer(string seed)
    {
        var system = ActorSystem.Create("cluster-bench", MemberConfig($"\"{seed}\""));
        Runtime.Cluster.Cluster.Get(system);
        Console.WriteLine($"listening {system.Address}");
        Console.Out.Flush();
        Console.In.ReadToEnd();
        system.Terminate().Wait(TimeSpan.FromSeconds(30));
        return 0;
    }
}
