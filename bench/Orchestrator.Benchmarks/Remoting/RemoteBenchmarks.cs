using System.Diagnostics;
using Orchestrator.Hocon;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Remoting;

/// <summary>
/// Remoting between two OS processes on loopback: this program starts itself again as the peer
/// ("remote-peer"), which hosts a sink and an echo. Workloads: one-way messages/s (windowed by the
/// sink's progress acks so the outbound queue stays bounded) and round trips/s, sequential and with
/// 64 concurrent pingers. Messages are small records serialized as JSON with manifests.
/// </summary>
internal static class RemoteBenchmarks
{
    public sealed record BenchMsg(int N);

    public sealed record Progress(long Count);

    public sealed record Reset;

    private const int AckEvery = 10_000;

    private static Config RemoteConfig() => Config.Parse("""
        orchestrator {
          stdout-logging = off
          log-dead-letters = 0
          remote { enabled = on, hostname = "127.0.0.1", port = 0, cluster-secret = "bench" }
        }
        """, "remote benchmark");

    private static void Register(ActorSystem system) => system.Serialization
        .Register<BenchMsg>("bench.msg/v1").Register<Progress>("bench.progress/v1").Register<Reset>("bench.reset/v1");

    public static void Run(string which, int runs)
    {
        using var peer = StartPeer(out var peerAddress);
        var system = ActorSystem.Create("bench-driver", RemoteConfig());
        Register(system);
        try
        {
            var sink = system.ResolveActorRef($"{peerAddress}/user/sink");
            var echo = system.ResolveActorRef($"{peerAddress}/user/echo");
            // Connect and warm the path before measuring.
            echo.Ask<BenchMsg>(new BenchMsg(0), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            var all = which == "all";
            if (all || which == "one-way")
                Harness.Run("remote one-way (2,000,000 tells, 1 sender -> 1 actor in another process)", "msg/s", runs, () => OneWay(system, sink, 2_000_000));
            if (all || which == "round-trip")
                Harness.Run("remote round trips (1 pinger, 20,000 sequential)", "round trips/s", runs, () => RoundTrips(system, echo, pingers: 1, each: 20_000));
            if (all || which == "round-trip-64")
                Harness.Run("remote round trips (64 concurrent pingers x 5,000)", "round trips/s", runs, () => RoundTrips(system, echo, pingers: 64, each: 5_000));
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
            peer.Kill();
        }
    }

    private static Process StartPeer(out string address)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(RemoteBenchmarks).Assembly.Location);
        info.ArgumentList.Add("remote-peer");
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the benchmark peer.");
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("listening ", StringComparison.Ordinal)) { }
        address = line?["listening ".Length..] ?? throw new InvalidOperationException("The benchmark peer exited before listening.");
        Console.WriteLine($"   peer process {process.Id} at {address}");
        return process;
    }

    /// <summary>The peer process: a sink and an echo, until its standard input closes.</summary>
    public static int Peer()
    {
        var system = ActorSystem.Create("bench-peer", RemoteConfig());
        Register(system);
        system.ActorOf(Props.Create(() => new Sink()), "sink");
        system.ActorOf(Props.Create(() => new Echo()), "echo");
        Console.WriteLine($"listening {system.Address}");
        Console.Out.Flush();
        Console.In.ReadToEnd();
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    private static double OneWay(ActorSystem system, IActorRef sink, int n)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sink.Ask<Progress>(new Reset(), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var sw = Stopwatch.StartNew();
        var blaster = system.ActorOf(Props.Create(() => new Blaster(sink, n, done)));
        if (!done.Task.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("one-way did not finish within 2 minutes");
        var seconds = sw.Elapsed.TotalSeconds;
        system.Stop(blaster);
        return n / seconds;
    }

    private static double RoundTrips(ActorSystem system, IActorRef echo, int pingers, int each)
    {
        using var remaining = new CountdownEvent(pingers);
        var sw = Stopwatch.StartNew();
        var actors = Enumerable.Range(0, pingers).Select(_ => system.ActorOf(Props.Create(() => new Pinger(echo, each, remaining)))).ToList();
        if (!remaining.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("round trips did not finish within 2 minutes");
        var seconds = sw.Elapsed.TotalSeconds;
        foreach (var a in actors) system.Stop(a);
        return (double)pingers * each / seconds;
    }

    /// <summary>Sends <c>n</c> messages, keeping at most <c>Window</c> unacknowledged.</summary>
    private sealed class Blaster : UntypedActor
    {
        private const int Window = 200_000;
        private readonly IActorRef _sink;
        private readonly int _n;
        private readonly TaskCompletionSource _done;
        private int _sent;

        public Blaster(IActorRef sink, int n, TaskCompletionSource done)
        {
            _sink = sink;
            _n = n;
            _done = done;
        }

        protected override void PreStart() => SendUpTo(Window);

        protected override void OnReceive(object message)
        {
            if (message is not Progress p) return;
            if (p.Count >= _n) _done.TrySetResult();
            else SendUpTo((int)Math.Min(_n, p.Count + Window));
        }

        private void SendUpTo(int limit)
        {
            for (; _sent < Math.Min(limit, _n); _sent++) _sink.Tell(new BenchMsg(_sent), Self);
        }
    }

    private sealed class Sink : UntypedActor
    {
        private long _count;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Reset:
                    _count = 0;
                    Sender.Tell(new Progress(0), Self);
                    break;
                case BenchMsg:
                    if (++_count % AckEvery == 0) Sender.Tell(new Progress(_count), Self);
                    break;
            }
        }
    }

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private sealed class Pinger : UntypedActor
    {
        private readonly IActorRef _echo;
        private readonly int _each;
        private readonly CountdownEvent _remaining;
        private int _done;

        public Pinger(IActorRef echo, int each, CountdownEvent remaining)
        {
            _echo = echo;
            _each = each;
            _remaining = remaining;
        }

        protected override void PreStart() => _echo.Tell(new BenchMsg(0), Self);

        protected override void OnReceive(object message)
        {
            if (++_done == _each) _remaining.Signal();
            else _echo.Tell(new BenchMsg(_done), Self);
        }
    }
}
