using System.Diagnostics;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Kernel;

/// <summary>
/// The kernel workloads, defined as in the issue so they compare with Akka.NET's:
/// one-way, ping-pong, fan-in, spawn, ask.
/// </summary>
internal static class KernelBenchmarks
{
    private static readonly ActorSystemSettings Settings = new() { StdoutLogging = false, LogDeadLetters = 0 };

    public static void Run(string which, int runs)
    {
        var all = which == "all";
        if (all || which == "one-way") Harness.Run("one-way (10,000,000 tells, 1 sender -> 1 actor)", "msg/s", runs, OneWay);
        if (all || which == "ping-pong") Harness.Run("ping-pong (2 actors, 2,000,000 round trips)", "round trips/s", runs, PingPong);
        if (all || which == "fan-in") Harness.Run("fan-in (1,000 actors each sending 10 x to all 999 others)", "msg/s", runs, FanIn);
        if (all || which == "spawn") Spawn(runs);
        if (all || which == "ask") Harness.Run("ask (200,000 sequential asks from outside)", "asks/s", runs, Ask);
    }

    private sealed class Counter(int target, TaskCompletionSource done) : UntypedActor
    {
        private int _count;
        protected override void OnReceive(object message)
        {
            if (++_count == target) done.TrySetResult();
        }
    }

    private static double OneWay()
    {
        const int n = 10_000_000;
        var system = ActorSystem.Create("oneway", Settings);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new Counter(n, done)));
        var message = new object();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) counter.Tell(message, null);
        done.Task.Wait();
        var seconds = sw.Elapsed.TotalSeconds;
        system.Terminate().Wait();
        return n / seconds;
    }

    private sealed record Ball(int Remaining);

    private sealed class Player(TaskCompletionSource done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var ball = (Ball)message;
            if (ball.Remaining == 0) done.TrySetResult();
            else Sender.Tell(new Ball(ball.Remaining - 1), Self);
        }
    }

    private static double PingPong()
    {
        const int roundTrips = 2_000_000;
        var system = ActorSystem.Create("pingpong", Settings);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = system.ActorOf(Props.Create(() => new Player(done)));
        var b = system.ActorOf(Props.Create(() => new Player(done)));
        var sw = Stopwatch.StartNew();
        a.Tell(new Ball(roundTrips * 2), b);
        done.Task.Wait();
        var seconds = sw.Elapsed.TotalSeconds;
        system.Terminate().Wait();
        return roundTrips / seconds;
    }

    private sealed record Peers(IActorRef[] All, int Rounds);

    private sealed class FanInActor(CountdownEvent remaining) : UntypedActor
    {
        private static readonly object Payload = new();
        protected override void OnReceive(object message)
        {
            if (message is Peers peers)
            {
                for (var r = 0; r < peers.Rounds; r++)
                    foreach (var peer in peers.All)
                        if (!ReferenceEquals(peer, Self)) peer.Tell(Payload, Self);
                return;
            }
            remaining.Signal();
        }
    }

    private static double FanIn()
    {
        const int actors = 1_000, rounds = 10;
        const int total = actors * (actors - 1) * rounds;
        var system = ActorSystem.Create("fanin", Settings);
        using var remaining = new CountdownEvent(total);
        var refs = Enumerable.Range(0, actors).Select(_ => system.ActorOf(Props.Create(() => new FanInActor(remaining)))).ToArray();
        var peers = new Peers(refs, rounds);
        var sw = Stopwatch.StartNew();
        foreach (var r in refs) r.Tell(peers, null);
        remaining.Wait();
        var seconds = sw.Elapsed.TotalSeconds;
        system.Terminate().Wait();
        return total / seconds;
    }

    private sealed class Child(CountdownEvent started) : UntypedActor
    {
        protected override void PreStart() => started.Signal();
        protected override void OnReceive(object message) { }
    }

    private sealed record SpawnChildren(int Count, Props Props);

    private sealed class Parent : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var spawn = (SpawnChildren)message;
            for (var i = 0; i < spawn.Count; i++) Context.ActorOf(spawn.Props);
        }
    }

    private static void Spawn(int runs)
    {
        const int n = 1_000_000;
        Console.WriteLine($"== spawn ({n:N0} children of one parent, minimal UntypedActor)");
        for (var run = 0; run <= runs; run++)
        {
            var system = ActorSystem.Create("spawn", Settings);
            using var started = new CountdownEvent(n);
            var childProps = Props.Create(() => new Child(started));
            var parent = system.ActorOf(Props.Create<Parent>(), "parent");
            Harness.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var sw = Stopwatch.StartNew();
            parent.Tell(new SpawnChildren(n, childProps), null);
            started.Wait();
            var spawnSeconds = sw.Elapsed.TotalSeconds;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var bytesPerActor = (after - before) / (double)n;

            var stopWatcher = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new StopWatcher(parent, stopWatcher)));
            sw.Restart();
            system.Stop(parent);
            stopWatcher.Task.Wait();
            var stopSeconds = sw.Elapsed.TotalSeconds;
            system.Terminate().Wait();
            Console.WriteLine($"   {(run == 0 ? "warm-up" : "run " + run)}: spawn {spawnSeconds:0.000} s ({n / spawnSeconds:N0} actors/s), {bytesPerActor:N0} bytes/actor, stop all {stopSeconds:0.000} s");
        }
    }

    private sealed class StopWatcher(IActorRef target, TaskCompletionSource done) : UntypedActor
    {
        protected override void PreStart() => Context.Watch(target);
        protected override void OnReceive(object message)
        {
            if (message is Terminated) done.TrySetResult();
        }
    }

    private sealed class Responder : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    private static double Ask()
    {
        const int n = 200_000;
        var system = ActorSystem.Create("ask", Settings);
        var responder = system.ActorOf(Props.Create<Responder>());
        var latencies = new double[n];
        var message = new object();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            responder.Ask(message, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var seconds = total.Elapsed.TotalSeconds;
        system.Terminate().Wait();
        Array.Sort(latencies);
        Console.WriteLine($"      latency p50 {latencies[n / 2]:0.0} us, p99 {latencies[(int)(n * 0.99)]:0.0} us");
        return n / seconds;
    }
}
