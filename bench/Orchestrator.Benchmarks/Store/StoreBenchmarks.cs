using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Benchmarks.Persistence;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Store;

/// <summary>
/// The API object store end to end on a real journal: pod creation by concurrent writers, label-selector
/// Lists over a large kind, and watch delivery latency. Each run uses fresh tables.
/// </summary>
internal static class StoreBenchmarks
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    public static void Run(string plugin, string which, int runs, int pods)
    {
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"== [{plugin}] store run {run}/{runs}");
            var system = PersistenceBenchmarks.NewSystem(plugin, $"store-bench-{run}");
            try
            {
                var store = system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), "store");
                Harness.Await(store.Ask<ObjectList>(new ListObjects("", "Pod"), _timeout), "store"); // read model and namespaces up
                if (which is "all" or "create" or "list") Create(store, plugin, pods, writers: 50);
                if (which is "all" or "list") List(store, plugin, selectedPerLabel: pods / 10);
                if (which is "all" or "watch") Watch(system, store, plugin, events: 2_000, writers: 10);
                if (which is "all" or "memory") Memory(plugin, run, objects: Math.Min(pods, 20_000));
            }
            finally
            {
                system.Terminate().Wait();
            }
        }
    }

    private static Pod NewPod(string name, int batch) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "bench", ["batch"] = $"b{batch}" } },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
    };

    private static void Create(IActorRef store, string plugin, int pods, int writers)
    {
        var latencies = new ConcurrentBag<double>();
        var perWriter = pods / writers;
        var total = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var n = w * perWriter + i;
                var start = Stopwatch.GetTimestamp();
                var reply = await store.Ask<ObjectReply>(new CreateObject(NewPod($"pod-{n}", n % 10)), _timeout).ConfigureAwait(false);
                if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        Harness.Await(Task.WhenAll(tasks), "store");
        var seconds = total.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        Console.WriteLine($"   RESULT [{plugin}] create {perWriter * writers:N0} pods, {writers} writers: {perWriter * writers / seconds:N0} objects/s, " +
                          $"latency p50 {Harness.Percentile(sorted, 0.50):0.0} ms, p99 {Harness.Percentile(sorted, 0.99):0.0} ms ({seconds:0.0} s)");
    }

    private static void List(IActorRef store, string plugin, int selectedPerLabel)
    {
        foreach (var (what, rv) in new[] { ("consistent read", (string?)null), ("resourceVersion=0", "0") })
        {
            var latencies = new List<double>();
            var count = 0;
            for (var i = 0; i < 25; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var list = Harness.Await(store.Ask<ObjectList>(new ListObjects("", "Pod", "default", LabelSelector: "app=bench,batch=b3", ResourceVersion: rv), _timeout), "store");
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count = list.Items.Count;
            }

            latencies.Sort();
            Console.WriteLine($"   RESULT [{plugin}] list {count:N0} of {selectedPerLabel * 10:N0} pods by label selector ({what}): " +
                              $"p50 {Harness.Percentile(latencies, 0.50):0.0} ms, p99 {Harness.Percentile(latencies, 0.99):0.0} ms");
        }
    }

    private static void Watch(ActorSystem system, IActorRef store, string plugin, int events, int writers)
    {
        var sent = new ConcurrentDictionary<string, long>();
        var received = new ConcurrentDictionary<string, long>();
        var done = new TaskCompletionSource();
        var watcher = system.ActorOf(Props.Create(() => new PodWatchRecorder(AddedWatchedPod, received, events, done)));
        var head = Harness.Await(store.Ask<ObjectList>(new ListObjects("", "Pod", Limit: 1), _timeout), "store");
        Harness.Await(watcher.Ask<WatchStarted>(new StartPodWatch(store, head.ResourceVersion), _timeout), "store");
        var perWriter = events / writers;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var name = $"watched-{w}-{i}";
                sent[name] = Stopwatch.GetTimestamp();
                var reply = await store.Ask<ObjectReply>(new CreateObject(NewPod(name, 0)), _timeout).ConfigureAwait(false);
                if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
            }
        })).ToArray();
        Harness.Await(Task.WhenAll(tasks), "store");
        Harness.Await(done.Task, "store");
        var latencies = received.Select(r => Stopwatch.GetElapsedTime(sent[r.Key], r.Value).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"   RESULT [{plugin}] watch delivery (create sent -> ADDED received), {latencies.Count:N0} events, {writers} writers: " +
                          $"p50 {Harness.Percentile(latencies, 0.50):0.0} ms, p99 {Harness.Percentile(latencies, 0.99):0.0} ms");
    }

    /// <summary>
    /// Heap per object: right after creation (entities alive and idle, plus the read model's copy), then once
    /// every entity has passivated (the read model's copy alone); the difference is the idle entity's cost.
    /// </summary>
    private static void Memory(string plugin, int run, int objects)
    {
        // Its own system and journal: two stores on one journal would be two writers of the same objects.
        var system = PersistenceBenchmarks.NewSystem(plugin, $"store-memory-{run}");
        try
        {
            Memory(system, plugin, objects);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    private static void Memory(ActorSystem system, string plugin, int objects)
    {
        var passivation = TimeSpan.FromSeconds(30);
        var settings = StoreSettings.From(system.Config) with { PassivationTimeout = passivation };
        var store = system.ActorOf(ObjectStore.Props(settings), "store");
        Harness.Await(store.Ask<ObjectList>(new ListObjects("", "Pod"), _timeout), "store");
        var before = Heap();
        var started = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, 20).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < objects; i += 20)
            {
                var reply = await store.Ask<ObjectReply>(new CreateObject(NewPod($"mem-{i}", i % 10)), _timeout).ConfigureAwait(false);
                if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
            }
        })).ToArray();
        Harness.Await(Task.WhenAll(tasks), "store");
        Harness.Await(store.Ask<ObjectList>(new ListObjects("", "Pod", Limit: 1), _timeout), "store"); // the read model holds every object
        var alive = Heap();
        if (started.Elapsed >= passivation) Console.WriteLine("   (creation took longer than the passivation timeout: some entities had already stopped)");
        Thread.Sleep(passivation + TimeSpan.FromSeconds(15)); // a benchmark waiting out the timeout, not a test
        var passivated = Heap();
        Console.WriteLine($"   RESULT [{plugin}] memory per object, {objects:N0} pods: idle entity {(alive - passivated) / (double)objects:N0} bytes, " +
                          $"read model copy {(passivated - before) / (double)objects:N0} bytes");
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The name of a pod named watched-* the event shows added.</summary>
    private static string? AddedWatchedPod(WatchEvent e) =>
        e.Type == WatchEventType.Added && e.Object?.Metadata.Name is { } name && name.StartsWith("watched-", StringComparison.Ordinal) ? name : null;
}
