using System.Diagnostics;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Sharding;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Benchmarks.Sharding;

/// <summary>
/// Sharded request/response to 100,000 echo entities: in one process (no remoting), and spread over three
/// processes forming a cluster (this one plus two started as "sharding-peer"), where about two thirds of the
/// requests cross a process boundary twice. Latency is measured per request from send to reply. The recovery
/// workload kills one peer with SIGKILL and measures until every entity it hosted answers again elsewhere
/// (failure detection, split-brain resolver downing, removal, reallocation), at the default cluster settings.
/// </summary>
internal static class ShardingBenchmarks
{
    public sealed record Request(long SentTimestamp);

    public sealed record Reply(long SentTimestamp, string Member);

    private const string TypeName = "bench-echo";
    private const int Entities = 100_000;

    public static void Run(string which, int runs)
    {
        var all = which == "all";
        if (all || which == "local") RunLocal(runs);
        if (all || which == "cluster" || which == "recovery") RunCluster(which, runs);
    }

    private static void Register(ActorSystem system) => system.Serialization
        .Register<Request>("bench.sharding-request/v1").Register<Reply>("bench.sharding-reply/v1");

    private static IActorRef StartRegion(ActorSystem system)
    {
        Register(system);
        var sharding = ClusterSharding.Get(system);
        var member = system.Address.ToString();
        return sharding.Start(TypeName, _ => Props.Create(() => new Echo(member)), sharding.Settings with { PassivateIdleEntityAfter = null },
            new HashCodeMessageExtractor(100));
    }

    private static void RunLocal(int runs)
    {
        var system = ActorSystem.Create("bench-sharding", Config.Parse(
            "orchestrator { stdout-logging = off, log-dead-letters = 0, persistence.journal.plugin = memory, persistence.snapshot-store.plugin = memory }",
            "sharding benchmark"));
        try
        {
            var region = StartRegion(system);
            WarmUp(region, Entities);
            Harness.Run("sharded request/response, 1 process, 100,000 entities (1,000 requesters x 1,000)", "req/s", runs,
                () => Measure(system, region, requesters: 1_000, each: 1_000));
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>The members share a fresh SQLite journal (the coordinator's state moves with it).</summary>
    private static Config ClusterConfig(string journal) => Config.Parse($$"""
        orchestrator {
          stdout-logging = off
          log-dead-letters = 0
          remote { enabled = on, hostname = "127.0.0.1", port = 0, cluster-secret = "bench" }
          cluster.sharding.rebalance-interval = 2s
          persistence.sqlite.path = "{{journal}}"
        }
        """, "sharding cluster benchmark");

    private static void RunCluster(string which, int runs)
    {
        var journal = Path.Combine(Path.GetTempPath(), "orch-bench", Guid.NewGuid().ToString("N"), "journal.db");
        var system = ActorSystem.Create("bench-sharding", ClusterConfig(journal));
        var cluster = ClusterExtension.Get(system);
        cluster.Join(cluster.SelfAddress);
        var peers = new List<(Process Process, string Address)>();
        try
        {
            var region = StartRegion(system);
            for (var i = 0; i < 2; i++) peers.Add(StartPeer(cluster.SelfAddress.ToString(), journal));
            var deadline = Stopwatch.StartNew();
            while (cluster.State.Members.Count(m => m.Status == Runtime.Cluster.MemberStatus.Up) < 3)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("the peers did not come up within a minute");
                Thread.Sleep(100);
            }
            var homes = WarmUp(region, Entities);
            // Let the coordinator's rebalancing settle so shards stay put while measuring.
            Thread.Sleep(TimeSpan.FromSeconds(10));
            homes = WarmUp(region, Entities);
            Console.WriteLine("   entities per member: " + string.Join(", ", homes.Values.GroupBy(m => m).Select(g => $"{g.Key} {g.Count():N0}")));
            if (which is "all" or "cluster")
                Harness.Run("sharded request/response, 3 processes, 100,000 entities (1,000 requesters x 150)", "req/s", runs,
                    () => Measure(system, region, requesters: 1_000, each: 150));
            if (which is "all" or "recovery") MeasureRecovery(region, homes, peers);
        }
        finally
        {
            foreach (var (p, _) in peers)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
            system.Terminate().Wait(TimeSpan.FromSeconds(60));
        }
    }

    private static (Process, string) StartPeer(string seed, string journal)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ShardingBenchmarks).Assembly.Location);
        info.ArgumentList.Add("sharding-peer");
        info.ArgumentList.Add(seed);
        info.ArgumentList.Add(journal);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start a sharding peer.");
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("up ", StringComparison.Ordinal)) { }
        Console.WriteLine($"   peer process {process.Id}: {line ?? "exited before it was up"}");
        return (process, line?["up ".Length..] ?? throw new InvalidOperationException("A sharding peer exited before it was up."));
    }

    /// <summary>A peer member hosting entities until its standard input closes (or it is killed).</summary>
    public static int Peer(string seed, string journal)
    {
        var system = ActorSystem.Create("bench-sharding", ClusterConfig(journal));
        var cluster = ClusterExtension.Get(system);
        StartRegion(system);
        cluster.RegisterOnMemberUp(() =>
        {
            Console.WriteLine($"up {cluster.SelfAddress}");
            Console.Out.Flush();
        });
        cluster.JoinSeedNodes([Address.TryParse(seed, out var address) ? address! : throw new ArgumentException($"bad seed address {seed}")]);
        Console.In.ReadToEnd();
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    /// <summary>Sends one request to each entity (starting it) and returns which member answered for each.</summary>
    private static Dictionary<string, string> WarmUp(IActorRef region, int entities)
    {
        var homes = new Dictionary<string, string>();
        const int batch = 5_000;
        for (var start = 0; start < entities; start += batch)
        {
            var replies = Enumerable.Range(start, Math.Min(batch, entities - start))
                .Select(i => (Id: "e" + i, Task: region.Ask<Reply>(new ShardEnvelope("e" + i, new Request(0)), TimeSpan.FromSeconds(60))))
                .ToList();
            foreach (var (id, task) in replies) homes[id] = task.GetAwaiter().GetResult().Member;
        }
        return homes;
    }

    private static double Measure(ActorSystem system, IActorRef region, int requesters, int each)
    {
        using var remaining = new CountdownEvent(requesters);
        var latencies = new long[requesters][];
        var sw = Stopwatch.StartNew();
        var actors = Enumerable.Range(0, requesters)
            .Select(i => system.ActorOf(Props.Create(() => new Requester(region, each, i, latencies, remaining))))
            .ToList();
        if (!remaining.Wait(TimeSpan.FromMinutes(5))) throw new TimeoutException("requests did not finish within 5 minutes");
        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var a in actors) system.Stop(a);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(double q) => all[(int)(q * (all.Length - 1))] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"   latency p50 {Ms(0.5):0.00} ms, p99 {Ms(0.99):0.00} ms");
        return (double)requesters * each / seconds;
    }

    private static void MeasureRecovery(IActorRef region, Dictionary<string, string> homes, List<(Process Process, string Address)> peers)
    {
        var (victim, victimAddress) = peers[^1];
        var pending = homes.Where(h => h.Value == victimAddress).Select(h => h.Key).ToHashSet();
        Console.WriteLine($"   killing peer process {victim.Id} ({victimAddress}, {pending.Count:N0} entities) with SIGKILL");
        var sw = Stopwatch.StartNew();
        victim.Kill(entireProcessTree: true);
        victim.WaitForExit();
        var total = pending.Count;
        while (pending.Count > 0)
        {
            var attempts = pending.Select(id => (Id: id, Task: region.Ask<Reply>(new ShardEnvelope(id, new Request(0)), TimeSpan.FromSeconds(1)))).ToList();
            foreach (var (id, task) in attempts)
            {
                try
                {
                    task.GetAwaiter().GetResult();
                    pending.Remove(id);
                }
                catch (AskTimeoutException)
                {
                }
            }
            if (sw.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{pending.Count} entities did not answer within 2 minutes of the kill");
        }
        Console.WriteLine($"   RESULT recovery after kill -9 of 1 of 3 members (its {total:N0} entities all answer again elsewhere): {sw.Elapsed.TotalSeconds:0.0} s");
    }

    private sealed class Echo(string member) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is Request r) Sender.Tell(new Reply(r.SentTimestamp, member), Self);
        }
    }

    /// <summary>Sends <c>each</c> requests to random entities, one at a time, recording each round trip.</summary>
    private sealed class Requester : UntypedActor
    {
        private readonly IActorRef _region;
        private readonly int _each;
        private readonly long[] _latencies;
        private readonly CountdownEvent _remaining;
        private readonly Random _random;
        private int _done;

        public Requester(IActorRef region, int each, int index, long[][] latencies, CountdownEvent remaining)
        {
            _region = region;
            _each = each;
            _latencies = latencies[index] = new long[each];
            _remaining = remaining;
            _random = new Random(index);
        }

        protected override void PreStart() => Send();

        protected override void OnReceive(object message)
        {
            if (message is not Reply reply) return;
            _latencies[_done++] = Stopwatch.GetTimestamp() - reply.SentTimestamp;
            if (_done == _each) _remaining.Signal();
            else Send();
        }

        private void Send() =>
            _region.Tell(new ShardEnvelope("e" + _random.Next(Entities), new Request(Stopwatch.GetTimestamp())), Self);
    }
}
