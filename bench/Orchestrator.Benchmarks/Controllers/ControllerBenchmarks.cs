using System.Diagnostics;
using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Scheduling;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Benchmarks.Persistence;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Controllers;

/// <summary>
/// Controllers end to end on the memory journal: a Deployment of <c>replicas</c> pods converging (ReplicaSet
/// created, pods created, scheduled onto simulated nodes, reported ready) and then a rolling update of its image
/// (25% surge, 25% unavailable) to completion. Each run starts a fresh system: store, scheduler, ReplicaSet and
/// Deployment controllers, and simulated nodes (the test project's <see cref="SimulatedNode"/>).
/// </summary>
internal static class ControllerBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly ObjectKey DeploymentKey = new("apps", "Deployment", "default", "bench");

    public static void Run(string which, int runs, int replicas, int nodes)
    {
        var converge = new List<double>();
        var rollout = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var label = run == 0 ? "warm-up" : $"run {run}";
            var system = PersistenceBenchmarks.NewSystem("memory", $"controllers-bench-{run}");
            try
            {
                var (c, r) = RunOnce(system, replicas, nodes, which is "all" or "rollout");
                Console.WriteLine($"   {label}: converge {c:0.00} s" + (r is { } rs ? $", rolling update {rs:0.00} s" : ""));
                if (run == 0) continue;
                converge.Add(c);
                if (r is { } rolled) rollout.Add(rolled);
            }
            finally
            {
                system.Terminate().Wait();
            }
        }

        Report($"deployment of {replicas:N0} replicas on {nodes} simulated nodes converges", converge);
        if (rollout.Count > 0) Report($"rolling update of {replicas:N0} replicas (25% surge, 25% unavailable) completes", rollout);
    }

    private static (double Converge, double? Rollout) RunOnce(ActorSystem system, int replicas, int nodeCount, bool rollout)
    {
        var store = system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), "store");
        var settings = ControllerSettings.From(system.Config);
        var nodes = Enumerable.Range(1, nodeCount)
            .Select(i => system.ActorOf(SimulatedNode.Props(store, new SimulatedNodeOptions($"sim-{i}", i, Cpu: 64, MaxPods: 2 * replicas / nodeCount + 10, RenewInterval: TimeSpan.FromSeconds(10)), Timeout), $"node-{i}"))
            .ToList();
        foreach (var node in nodes)
        {
            Until(() => node.Ask<NodeState>(new GetNodeState(), Timeout).GetAwaiter().GetResult().LeaseRenewals > 0, "nodes registered");
        }

        system.ActorOf(Scheduler.Props(store, SchedulerSettings.From(system.Config), settings.Informer), "scheduler");
        system.ActorOf(ReplicaSetController.Props(store, settings), "rs-controller");
        system.ActorOf(DeploymentController.Props(store, settings), "deployment-controller");

        var clock = Stopwatch.StartNew();
        Check(store.Ask<ObjectReply>(new CreateObject(Deployment(replicas)), Timeout).GetAwaiter().GetResult());
        Until(() => Complete(store, replicas, "nginx:1.27"), "deployment converged");
        var converge = clock.Elapsed.TotalSeconds;
        if (!rollout) return (converge, null);

        var current = (Deployment)Check(store.Ask<ObjectReply>(new GetObject(DeploymentKey), Timeout).GetAwaiter().GetResult()).Object!;
        current.Spec.Template.Spec.Containers[0].Image = "nginx:1.28";
        clock.Restart();
        Check(store.Ask<ObjectReply>(new UpdateObject(current), Timeout).GetAwaiter().GetResult());
        Until(() => Complete(store, replicas, "nginx:1.28"), "rolling update complete");
        return (converge, clock.Elapsed.TotalSeconds);
    }

    private static Deployment Deployment(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "bench", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "bench" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "bench" } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
            },
        },
    };

    /// <summary>The Deployment reports its rollout of <paramref name="image"/> complete: every replica updated, available, and no other pod left.</summary>
    private static bool Complete(IActorRef store, int replicas, string image)
    {
        var d = (Deployment)Check(store.Ask<ObjectReply>(new GetObject(DeploymentKey), Timeout).GetAwaiter().GetResult()).Object!;
        var s = d.Status;
        return d.Spec.Template.Spec.Containers[0].Image == image && s is not null && s.ObservedGeneration == d.Metadata.Generation
            && s.Replicas == replicas && s.UpdatedReplicas == replicas && s.AvailableReplicas == replicas && s.UnavailableReplicas == 0;
    }

    private static void Until(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"controllers benchmark: '{what}' not reached within 10 minutes.");
            Thread.Sleep(20); // a benchmark driver outside the actor system, polling
        }
    }

    private static ObjectReply Check(ObjectReply reply) => reply.IsSuccess ? reply : throw new InvalidOperationException(reply.Error!.ToString());

    private static void Report(string name, List<double> seconds)
    {
        seconds.Sort();
        Console.WriteLine($"   RESULT {name}: median {seconds[seconds.Count / 2]:0.00} s (best {seconds[0]:0.00}, worst {seconds[^1]:0.00}, {seconds.Count} runs)");
    }
}
