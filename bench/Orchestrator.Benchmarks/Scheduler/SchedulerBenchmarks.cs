using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Scheduling;
using Orchestrator.Actors.Scheduling.Cache;
using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Benchmarks.Persistence;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Scheduler;

/// <summary>
/// The scheduler at kube-scheduler's scale test size, with simulated nodes (plain Node objects, no agents):
/// <c>decisions</c> runs the framework and cache alone (every decision assumed and confirmed at once), the
/// scheduler's own decision rate; <c>end-to-end</c> runs the Scheduler actor on an in-memory object store:
/// pods created by concurrent writers (or at a steady rate), latency from sending the create to the Pod watch showing the pod bound.
/// </summary>
internal static class SchedulerBenchmarks
{
    private const string Zone = "topology.kubernetes.io/zone";
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    public static void Run(string which, int runs, int nodes, int pods)
    {
        if (which is "all" or "decisions")
        {
            Harness.Run($"decisions: {pods:N0} pods on {nodes:N0} nodes (requests only)", "pods/s", runs, () => Decisions(nodes, pods, spread: false));
        }

        if (which is "all" or "decisions-spread")
        {
            // Spreading counts matching pods on every node per decision (as kube-scheduler's PreScore does), so it is measured on fewer pods.
            var spreadPods = Math.Min(pods, 5_000);
            Harness.Run($"decisions: {spreadPods:N0} pods on {nodes:N0} nodes (zone spread ScheduleAnyway + preferred node affinity)", "pods/s", runs, () => Decisions(nodes, spreadPods, spread: true));
        }

        if (which is "all" or "end-to-end")
        {
            for (var run = 1; run <= runs; run++)
            {
                Console.WriteLine($"== end-to-end run {run}/{runs}");
                EndToEnd(nodes, pods, writers: 64, rate: null);
            }
        }

        if (which is "all" or "end-to-end-paced")
        {
            for (var run = 1; run <= runs; run++)
            {
                Console.WriteLine($"== end-to-end paced run {run}/{runs}");
                EndToEnd(nodes, pods, writers: 0, rate: 400);
            }
        }
    }

    private static Node NewNode(int i) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"node-{i}",
            Labels = new() { ["kubernetes.io/hostname"] = $"node-{i}", [Zone] = $"zone-{i % 10}", ["disk"] = i % 3 == 0 ? "ssd" : "hdd" },
        },
        Status = new NodeStatus
        {
            Allocatable = new Dictionary<string, Quantity> { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = Quantity.FromValue(110) },
            Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
        },
    };

    private static Pod NewPod(int i, bool spread)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = $"pod-{i}", Namespace = "default", Labels = new() { ["app"] = $"app-{i % 100}" } },
            Spec = new PodSpec
            {
                Containers =
                [
                    new Container
                    {
                        Name = "app",
                        Image = "nginx:1.27",
                        Resources = new ResourceRequirements { Requests = new Dictionary<string, Quantity> { ["cpu"] = "100m", ["memory"] = "256Mi" } },
                    },
                ],
            },
        };
        if (!spread) return pod;
        pod.Spec.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = 1, TopologyKey = Zone, WhenUnsatisfiable = "ScheduleAnyway",
                LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = $"app-{i % 100}" } },
            },
        ];
        pod.Spec.Affinity = new Affinity
        {
            NodeAffinity = new Model.Core.V1.NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new PreferredSchedulingTerm
                    {
                        Weight = 10,
                        Preference = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "disk", Operator = "In", Values = ["ssd"] }] },
                    },
                ],
            },
        };
        return pod;
    }

    /// <summary>The framework and cache alone: decisions per second over every pod, with p50/p99 per decision.</summary>
    private static double Decisions(int nodeCount, int podCount, bool spread)
    {
        var cache = new SchedulerCache();
        for (var i = 0; i < nodeCount; i++) cache.SetNode(NewNode(i));
        var framework = PluginRegistry.CreateFramework(new SchedulerSettings(), new Random(1));
        var infos = Enumerable.Range(0, podCount).Select(i => PodInfo.Of(NewPod(i, spread))).ToArray();
        var latencies = new double[podCount];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < podCount; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = framework.Schedule(infos[i], cache.Snapshot);
            if (result.Node is null) throw new InvalidOperationException($"pod {i} did not fit: {result.Failure!.Message}");
            cache.Assume(infos[i], result.Node.Name);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var rate = podCount / total.Elapsed.TotalSeconds;
        var bytesPerDecision = (GC.GetAllocatedBytesForCurrentThread() - allocated) / podCount;
        Array.Sort(latencies);
        Console.WriteLine($"   decision latency p50 {Harness.Percentile(latencies, 0.50):0.000} ms, p99 {Harness.Percentile(latencies, 0.99):0.000} ms, {bytesPerDecision:N0} bytes allocated per decision (assume included)");
        return rate;
    }

    /// <summary>
    /// Pods created by <paramref name="writers"/> concurrent writers as fast as the store takes them, or (with
    /// <paramref name="rate"/>) at a steady rate below the store's capacity, so latency is not queueing in the store.
    /// </summary>
    private static void EndToEnd(int nodeCount, int podCount, int writers, double? rate)
    {
        var system = PersistenceBenchmarks.NewSystem("memory", "scheduler-bench");
        try
        {
            var store = system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), "store");
            Await(store.Ask<ObjectList>(new ListObjects("", "Pod"), _timeout));
            var setup = Stopwatch.StartNew();
            const int nodeWriters = 64;
            Await(Task.WhenAll(Enumerable.Range(0, nodeWriters).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < nodeCount; i += nodeWriters)
                {
                    var reply = await store.Ask<ObjectReply>(new CreateObject(NewNode(i)), _timeout).ConfigureAwait(false);
                    if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
                }
            }))));
            Console.WriteLine($"   {nodeCount:N0} Node objects created in {setup.Elapsed.TotalSeconds:0.0} s");

            var bound = new ConcurrentDictionary<string, long>();
            var allBound = new TaskCompletionSource();
            var recorder = system.ActorOf(Props.Create(() => new PodWatchRecorder(BoundPodName, bound, podCount, allBound)));
            var head = Await(store.Ask<ObjectList>(new ListObjects("", "Pod", Limit: 1), _timeout));
            Await(recorder.Ask<WatchStarted>(new StartPodWatch(store, head.ResourceVersion), _timeout));
            var settings = SchedulerSettings.From(system.Config);
            var scheduler = system.ActorOf(Actors.Scheduling.Scheduler.Props(store, settings, InformerOptions.Default), "scheduler");
            while (!Await(scheduler.Ask<SchedulerStats>(GetSchedulerStats.Instance, _timeout)).Synced || Await(scheduler.Ask<SchedulerStats>(GetSchedulerStats.Instance, _timeout)).Nodes < nodeCount)
                Thread.Sleep(50);

            var created = new ConcurrentDictionary<string, long>();
            var pausesBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var total = Stopwatch.StartNew();
            async Task CreatePod(int i)
            {
                var sent = Stopwatch.GetTimestamp();
                var reply = await store.Ask<ObjectReply>(new CreateObject(NewPod(i, spread: false)), _timeout).ConfigureAwait(false);
                if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
                created[$"pod-{i}"] = sent;
            }

            if (rate is { } perSecond)
            {
                var pending = new List<Task>(podCount);
                for (var i = 0; i < podCount; i++)
                {
                    var due = TimeSpan.FromSeconds(i / perSecond) - total.Elapsed;
                    if (due > TimeSpan.FromMilliseconds(1)) Thread.Sleep(due);
                    pending.Add(CreatePod(i));
                }

                Await(Task.WhenAll(pending));
            }
            else
            {
                Await(Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
                {
                    for (var i = w; i < podCount; i += writers) await CreatePod(i).ConfigureAwait(false);
                }))));
            }

            var createSeconds = total.Elapsed.TotalSeconds;
            Await(allBound.Task);
            var seconds = total.Elapsed.TotalSeconds;
            var stats = Await(scheduler.Ask<SchedulerStats>(GetSchedulerStats.Instance, _timeout));
            var latencies = bound.Select(b => Stopwatch.GetElapsedTime(created.GetValueOrDefault(b.Key, b.Value), b.Value).TotalMilliseconds).Order().ToArray();
            var how = rate is null ? $"{writers} writers" : $"paced at {rate:N0} creates/s";
            Console.WriteLine($"   RESULT end-to-end {podCount:N0} pods on {nodeCount:N0} nodes, {how}: {podCount / seconds:N0} pods/s bound " +
                              $"(all created in {createSeconds:0.0} s = {podCount / createSeconds:N0} creates/s; all bound after {seconds:0.0} s); " +
                              $"create sent -> bound seen p50 {Harness.Percentile(latencies, 0.50):0.0} ms, p99 {Harness.Percentile(latencies, 0.99):0.0} ms; " +
                              $"scheduler cycles {stats.Cycles:N0} taking {stats.CycleTime.TotalSeconds:0.00} s ({stats.Cycles / stats.CycleTime.TotalSeconds:N0} decisions/s of cycle time), " +
                              $"bind failures {stats.BindFailures}, unschedulable attempts {stats.FailedAttempts}; " +
                              $"GC pauses {(GC.GetTotalPauseDuration() - pausesBefore).TotalSeconds:0.00} s in {GC.CollectionCount(2) - gen2Before} gen-2 collections");
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    /// <summary>The name of a pod the event shows bound to a node.</summary>
    private static string? BoundPodName(WatchEvent e) => e.Object is Pod { Spec.NodeName: { Length: > 0 } } pod ? pod.Metadata.Name : null;

    private static T Await<T>(Task<T> task) => Harness.Await(task, "scheduler");

    private static void Await(Task task) => Harness.Await(task, "scheduler");
}
