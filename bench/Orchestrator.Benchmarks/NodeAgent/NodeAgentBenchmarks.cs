using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Benchmarks.Persistence;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Docker;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.NodeAgent;

/// <summary>
/// The node agent on the real Docker engine with the object store on the sqlite journal, all in this process:
/// pod start latency (create acknowledged -> the store's watch shows phase Running) for a burst of pods, and
/// this process's CPU use while a hundred pods just run. Needs <c>sudo bash scripts/ensure-docker.sh</c>.
/// Every container carries <see cref="BenchLabel"/> and this process's pid; leftovers of dead runs are
/// removed on start, this run's containers at the end.
/// </summary>
internal static class NodeAgentBenchmarks
{
    private const string BenchLabel = "orchestrator.bench";
    private const string OwnerLabel = "orchestrator.bench.owner-pid";
    private const string BusyboxImage = "orchestrator/busybox:1";
    private const string PauseImage = "orchestrator/pause:1";
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan _stepDeadline = TimeSpan.FromMinutes(5);
    private static readonly string _ownerPid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public static int Run(string which, int runs, int startPods, int steadyPods, TimeSpan cpuDuration)
    {
        using var docker = new DockerClient(DockerClientOptions.FromEnvironment());
        try
        {
            Await(docker.System.PingAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"The Docker engine is not usable ({ex.Message}); run `sudo bash scripts/ensure-docker.sh` first.");
            return 1;
        }

        RemoveContainers(docker, onlyDeadOwners: true);
        var system = PersistenceBenchmarks.NewSystem("sqlite", "node-agent-bench");
        try
        {
            var node = "bench-node-" + Guid.NewGuid().ToString("N")[..8];
            var store = system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), "store");
            Await(store.Ask<ObjectList>(new ListObjects("", "Pod"), _timeout));
            var runtime = new DockerContainerRuntime(docker, new DockerContainerRuntimeOptions
            {
                SandboxImage = PauseImage,
                ExtraLabels = new Dictionary<string, string> { [BenchLabel] = "1", [OwnerLabel] = _ownerPid },
            });
            var volumes = Path.Combine(Path.GetTempPath(), "orch-bench-pods-" + Guid.NewGuid().ToString("N")[..8]);
            system.ActorOf(Orchestrator.NodeAgent.Agent.NodeAgent.Props(store, runtime, new NodeAgentSettings { NodeName = node },
                new DockerRuntimeProbe(docker), new PodWorkerSettings { EmptyDirRoot = volumes }), "agent");
            var watch = new PodWatch();
            var head = Await(store.Ask<ObjectList>(new ListObjects("", "Pod", Limit: 1), _timeout));
            var watcher = system.ActorOf(Props.Create(() => new PodWatcher(watch)), "pod-watcher");
            Await(watcher.Ask<WatchStarted>(new StartWatch(store, head.ResourceVersion), _timeout));
            Console.WriteLine($"   node {node}; store on sqlite; images {BusyboxImage}, sandbox {PauseImage}");

            var batch = 0;
            if (which is "all" or "start")
            {
                Console.WriteLine($"== node-agent pod start latency, {startPods} pods created at once (create acknowledged -> store shows Running)");
                var totals = new List<double>();
                var p99s = new List<double>();
                for (var run = 0; run <= runs; run++)
                {
                    var label = run == 0 ? "warm-up" : $"run {run}";
                    var (latencies, total) = StartBurst(store, docker, watch, node, $"b{batch++}", startPods);
                    Console.WriteLine($"   {label}: p50 {Harness.Percentile(latencies, 0.50):0} ms, p99 {Harness.Percentile(latencies, 0.99):0} ms, " +
                                      $"max {latencies[^1]:0} ms, all {startPods} Running after {total:0} ms");
                    if (run > 0)
                    {
                        totals.Add(total);
                        p99s.Add(Harness.Percentile(latencies, 0.99));
                    }
                }

                p99s.Sort();
                totals.Sort();
                Console.WriteLine($"   RESULT node-agent start {startPods} pods: p99 median {p99s[p99s.Count / 2]:0} ms (worst {p99s[^1]:0} ms), " +
                                  $"total median {totals[totals.Count / 2]:0} ms, {runs} runs (target p99 < 1000 ms)");
            }

            if (which is "all" or "start" or "floor")
            {
                // What the engine alone needs: each pod's sandbox and app container created and started through the
                // runtime, all pods at once, no agent and no store. The agent cannot start pods faster than this.
                Console.WriteLine($"== node-agent engine floor, {startPods} pods' containers started at once straight through the runtime");
                var floors = new List<double>();
                for (var run = 0; run <= runs; run++)
                {
                    var (p99, total) = EngineFloor(runtime, docker, startPods);
                    Console.WriteLine($"   {(run == 0 ? "warm-up" : $"run {run}")}: p99 {p99:0} ms, all {startPods} started after {total:0} ms");
                    if (run > 0)
                    {
                        floors.Add(p99);
                    }
                }

                floors.Sort();
                Console.WriteLine($"   RESULT node-agent engine floor {startPods} pods: p99 median {floors[floors.Count / 2]:0} ms, {runs} runs");
            }

            if (which is "all" or "cpu")
            {
                Console.WriteLine($"== node-agent steady-state CPU, {steadyPods} running pods, {cpuDuration.TotalSeconds:0} s");
                var name = $"b{batch}";
                var names = CreateAll(store, node, name, steadyPods).Keys.ToList();
                AwaitCondition(() => names.All(watch.RunningAt.ContainsKey), $"{steadyPods} pods Running");
                Thread.Sleep(TimeSpan.FromSeconds(5)); // last status writes and container events settle
                Harness.Collect();
                var process = Process.GetCurrentProcess();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                Thread.Sleep(cpuDuration);
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuBefore;
                var percent = cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100;
                var stillRunning = Await(store.Ask<ObjectList>(new ListObjects("", "Pod", "default"), _timeout)).Items
                    .Count(p => p is Pod { Status.Phase: PodPhase.Running });
                Console.WriteLine($"   RESULT node-agent steady CPU with {steadyPods} running pods: {percent:0.00}% of one core " +
                                  $"({cpu.TotalMilliseconds:0} ms CPU in {wall.Elapsed.TotalSeconds:0.0} s; whole process: agent + store + sqlite; " +
                                  $"{stillRunning} pods Running at the end) (target < 5%)");
                DeleteAll(store, docker, names);
            }

            if (Directory.Exists(volumes))
            {
                Directory.Delete(volumes, recursive: true);
            }
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
            RemoveContainers(docker, onlyDeadOwners: false);
        }

        return 0;
    }

    private static (List<double> Latencies, double TotalMs) StartBurst(IActorRef store, DockerClient docker, PodWatch watch, string node, string batch, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var acknowledged = CreateAll(store, node, batch, count);
        AwaitCondition(() => acknowledged.Keys.All(watch.RunningAt.ContainsKey), $"{count} pods Running");
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var latencies = acknowledged
            .Select(a => Math.Max(0, Stopwatch.GetElapsedTime(a.Value, watch.RunningAt[a.Key]).TotalMilliseconds))
            .Order()
            .ToList();
        DeleteAll(store, docker, acknowledged.Keys.ToList());
        return (latencies, total);
    }

    private static (double P99, double TotalMs) EngineFloor(DockerContainerRuntime runtime, DockerClient docker, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var starts = Enumerable.Range(0, count).Select(async i =>
        {
            var pod = new PodIdentity(Guid.NewGuid().ToString("N"), "default", $"floor-{i}");
            var sandbox = await runtime.CreateSandboxAsync(pod, CancellationToken.None).ConfigureAwait(false);
            var launch = new ContainerLaunch { Name = "main", Image = BusyboxImage, Command = ["sleep", "3600"] };
            await runtime.EnsureImageAsync(BusyboxImage, "IfNotPresent", null, CancellationToken.None).ConfigureAwait(false);
            var id = await runtime.CreateContainerAsync(pod, sandbox.Id, launch, CancellationToken.None).ConfigureAwait(false);
            await runtime.StartContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            await runtime.InspectContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ToArray();
        var latencies = Await(Task.WhenAll(starts)).Order().ToList();
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        RemoveContainers(docker, onlyDeadOwners: false);
        return (Harness.Percentile(latencies, 0.99), total);
    }

    /// <summary>Sends every create at once; returns when each was acknowledged, by pod name.</summary>
    private static ConcurrentDictionary<string, long> CreateAll(IActorRef store, string node, string batch, int count)
    {
        var acknowledged = new ConcurrentDictionary<string, long>();
        var creates = Enumerable.Range(0, count).Select(async i =>
        {
            var name = $"bench-{batch}-{i}";
            var reply = await store.Ask<ObjectReply>(new CreateObject(NewPod(name, node)), _timeout).ConfigureAwait(false);
            acknowledged[name] = Stopwatch.GetTimestamp();
            if (!reply.IsSuccess) throw new InvalidOperationException(reply.Error!.ToString());
        }).ToArray();
        Await(Task.WhenAll(creates));
        return acknowledged;
    }

    /// <summary>Deletes the pods and waits until the store has none of them and the engine no container of this run.</summary>
    private static void DeleteAll(IActorRef store, DockerClient docker, IReadOnlyList<string> names)
    {
        var deletes = names.Select(async name =>
        {
            var reply = await store.Ask<ObjectReply>(new DeleteObject(new ObjectKey("", "Pod", "default", name)), _timeout).ConfigureAwait(false);
            if (!reply.IsSuccess && reply.Error?.Reason != "NotFound") throw new InvalidOperationException(reply.Error!.ToString());
        }).ToArray();
        Await(Task.WhenAll(deletes));
        var wanted = names.ToHashSet();
        AwaitCondition(() => !Await(store.Ask<ObjectList>(new ListObjects("", "Pod", "default"), _timeout)).Items
            .Any(p => wanted.Contains(p.Metadata.Name!)), "deleted pods gone from the store");
        AwaitCondition(() => Await(docker.Containers.ListAsync(DockerFilters.ForLabel(OwnerLabel, _ownerPid), all: true, CancellationToken.None)).Count == 0,
            "the pods' containers removed");
    }

    private static Pod NewPod(string name, string node) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "node-agent-bench" } },
        Spec = new PodSpec
        {
            NodeName = node,
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container { Name = "main", Image = BusyboxImage, Command = ["sleep", "3600"] }],
        },
    };

    private static void RemoveContainers(DockerClient docker, bool onlyDeadOwners)
    {
        var containers = Await(docker.Containers.ListAsync(DockerFilters.ForLabel(BenchLabel, "1"), all: true, CancellationToken.None));
        var removed = 0;
        foreach (var container in containers)
        {
            var owner = container.Labels?.GetValueOrDefault(OwnerLabel);
            var mine = owner == _ownerPid;
            var ownerAlive = int.TryParse(owner, out var pid) && Directory.Exists($"/proc/{pid}");
            if (onlyDeadOwners ? mine || ownerAlive : !mine)
            {
                continue;
            }

            try
            {
                Await(docker.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true, CancellationToken.None));
                removed++;
            }
            catch (Exception ex) when (ex is DockerNotFoundException or DockerConflictException)
            {
                // Already gone, or being removed by the engine.
            }
        }

        if (removed > 0)
        {
            Console.WriteLine($"   removed {removed} {(onlyDeadOwners ? "leftover" : "remaining")} benchmark container(s)");
        }
    }

    private static void AwaitCondition(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > _stepDeadline) throw new TimeoutException($"Waited {_stepDeadline.TotalMinutes:0} minutes for: {what}.");
            Thread.Sleep(20);
        }
    }

    private static T Await<T>(Task<T> task)
    {
        if (!task.Wait(_stepDeadline)) throw new TimeoutException("A node agent benchmark step did not finish in time.");
        return task.Result;
    }

    private static void Await(Task task)
    {
        if (!task.Wait(_stepDeadline)) throw new TimeoutException("A node agent benchmark step did not finish in time.");
    }

    /// <summary>When the store's watch first showed each pod Running, by name (Stopwatch timestamps).</summary>
    private sealed class PodWatch
    {
        public ConcurrentDictionary<string, long> RunningAt { get; } = new();
    }

    private sealed record StartWatch(IActorRef Store, string ResourceVersion);

    private sealed class PodWatcher : ReceiveActor
    {
        private IActorRef? _replyTo;

        public PodWatcher(PodWatch watch)
        {
            Receive<StartWatch>(s =>
            {
                _replyTo = Sender;
                s.Store.Tell(new WatchObjects("", "Pod", "default", ResourceVersion: s.ResourceVersion, AllowBookmarks: false), Self);
            });
            Receive<WatchStarted>(s => _replyTo?.Tell(s, Self));
            Receive<WatchEvent>(e =>
            {
                if (e.Type == WatchEventType.Error) throw new InvalidOperationException($"The pod watch ended: {e.Error}");
                if (e.Object is Pod { Status.Phase: PodPhase.Running } pod && pod.Metadata.Name is { } name)
                {
                    watch.RunningAt.TryAdd(name, Stopwatch.GetTimestamp());
                }
            });
        }
    }
}
