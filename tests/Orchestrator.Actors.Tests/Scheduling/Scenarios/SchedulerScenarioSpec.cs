using System.Text.Json.Nodes;
using Orchestrator.Actors.Scheduling;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Scheduling.Scenarios;

/// <summary>The scheduler actor against the object store and simulated nodes.</summary>
public sealed class SchedulerScenarioSpec : ScenarioSpec
{
    private const string Zone = "topology.kubernetes.io/zone";

    public SchedulerScenarioSpec()
        : base("orchestrator.scheduler { pod-initial-backoff = 100ms, pod-max-backoff = 500ms }")
    {
        SchedulerSettings = SchedulerSettings.From(Sys.Config);
    }

    private SchedulerSettings SchedulerSettings { get; }

    private IActorRef StartScheduler(IActorRef? store = null) =>
        Sys.ActorOf(Scheduler.Props(store ?? Store, SchedulerSettings, ControllerSettings.Informer), "scheduler");

    private IActorRef StartNode(string name, int index, int cpu, Dictionary<string, string>? labels = null, List<Taint>? taints = null)
    {
        var node = Sys.ActorOf(SimulatedNode.Props(Store, new SimulatedNodeOptions(name, index, Cpu: cpu, RenewInterval: TimeSpan.FromMilliseconds(200)), RequestTimeout), "node-" + name);
        AwaitAssert(() => Assert.True(node.Ask<NodeState>(new GetNodeState(), RequestTimeout).GetAwaiter().GetResult().Registered), Converge, TimeSpan.FromMilliseconds(50));
        if (labels is not null || taints is not null)
        {
            var patch = new JsonObject();
            if (labels is not null) patch["metadata"] = new JsonObject { ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))) };
            if (taints is not null)
                patch["spec"] = new JsonObject { ["taints"] = new JsonArray(taints.Select(t => (JsonNode?)new JsonObject { ["key"] = t.Key, ["value"] = t.Value, ["effect"] = t.Effect }).ToArray()) };
            var reply = Patch(new Orchestrator.Actors.Store.Objects.ObjectKey("", "Node", null, name), PatchType.Merge, patch.ToJsonString()).GetAwaiter().GetResult();
            Assert.True(reply.IsSuccess, reply.Error?.ToString());
        }

        return node;
    }

    private async Task<Pod> AwaitBound(string name)
    {
        Pod? pod = null;
        await AwaitAssertAsync(async () =>
        {
            pod = (Pod)(await Get(PodKey(name))).Object!;
            Assert.False(string.IsNullOrEmpty(pod.Spec.NodeName), $"pod {name} is not bound yet");
        }, Converge, TimeSpan.FromMilliseconds(50));
        return pod!;
    }

    private async Task<PodCondition> AwaitUnschedulable(string name)
    {
        PodCondition? condition = null;
        await AwaitAssertAsync(async () =>
        {
            var pod = (Pod)(await Get(PodKey(name))).Object!;
            condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
            Assert.True(condition is { Status: "False", Reason: "Unschedulable" }, $"pod {name} has no PodScheduled=False condition yet");
        }, Converge, TimeSpan.FromMilliseconds(50));
        return condition!;
    }

    [Fact]
    public async Task An_unschedulable_pod_is_scheduled_once_a_node_with_room_joins()
    {
        StartNode("small", 1, cpu: 2);
        StartScheduler();
        await Created(TestPods.Pod("big", cpu: "6"));

        var condition = await AwaitUnschedulable("big");
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", condition.Message);
        await AwaitAssertAsync(async () =>
        {
            var events = await List(new ListObjects("", "Event", "default"));
            var failed = Assert.Single(events.Items.Cast<Event>(), e => e.InvolvedObject.Name == "big");
            Assert.Equal(("FailedScheduling", "Warning", "0/1 nodes are available: 1 Insufficient cpu."), (failed.Reason, failed.Type, failed.Message));
        }, Converge, TimeSpan.FromMilliseconds(50));

        StartNode("large", 2, cpu: 8);
        var bound = await AwaitBound("big");
        Assert.Equal("large", bound.Spec.NodeName);
        await AwaitAssertAsync(async () => Assert.Equal("Running", ((Pod)(await Get(PodKey("big"))).Object!).Status?.Phase), Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Required_anti_affinity_spreads_replicas_one_per_node()
    {
        for (var i = 1; i <= 3; i++) StartNode($"n{i}", i, cpu: 4);
        StartScheduler();
        for (var i = 0; i < 4; i++)
        {
            var pod = TestPods.Pod($"web-{i}", cpu: "100m", labels: TestPods.Labels("app=web"));
            pod.Spec.Affinity = new Affinity { PodAntiAffinity = new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [TestPods.Term("kubernetes.io/hostname", "app=web")] } };
            await Created(pod);
        }

        var bound = new List<string>();
        var unschedulable = 0;
        await AwaitAssertAsync(async () =>
        {
            bound.Clear();
            unschedulable = 0;
            for (var i = 0; i < 4; i++)
            {
                var pod = (Pod)(await Get(PodKey($"web-{i}"))).Object!;
                if (!string.IsNullOrEmpty(pod.Spec.NodeName)) bound.Add(pod.Spec.NodeName);
                else if (pod.Status?.Conditions?.Any(c => c is { Type: "PodScheduled", Status: "False" }) == true) unschedulable++;
            }

            Assert.Equal(3, bound.Count);
            Assert.Equal(1, unschedulable);
        }, Converge, TimeSpan.FromMilliseconds(100));
        Assert.Equal(["n1", "n2", "n3"], bound.Order());
        var waiting = Enumerable.Range(0, 4).Select(i => (Pod)Get(PodKey($"web-{i}")).GetAwaiter().GetResult().Object!).Single(p => string.IsNullOrEmpty(p.Spec.NodeName));
        Assert.Equal("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.", waiting.Status!.Conditions!.Single(c => c.Type == "PodScheduled").Message);
    }

    [Fact]
    public async Task Taints_keep_pods_away_unless_they_tolerate_them()
    {
        StartNode("db", 1, cpu: 4, taints: [TestNodes.Taint("dedicated", "db", "NoSchedule")]);
        StartNode("general", 2, cpu: 4);
        StartScheduler();
        for (var i = 0; i < 3; i++) await Created(TestPods.Pod($"app-{i}", cpu: "100m"));
        var tolerant = TestPods.Pod("postgres", cpu: "100m");
        tolerant.Spec.Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "db", Effect = "NoSchedule" }];
        tolerant.Spec.NodeSelector = new() { ["kubernetes.io/hostname"] = "db" };
        await Created(tolerant);

        for (var i = 0; i < 3; i++) Assert.Equal("general", (await AwaitBound($"app-{i}")).Spec.NodeName);
        Assert.Equal("db", (await AwaitBound("postgres")).Spec.NodeName);
    }

    [Fact]
    public async Task A_node_selector_places_the_pod_on_a_labelled_node_and_waits_when_none_matches()
    {
        StartNode("hdd", 1, cpu: 4, labels: new() { ["disk"] = "hdd" });
        StartNode("ssd", 2, cpu: 4, labels: new() { ["disk"] = "ssd" });
        StartScheduler();
        var fast = TestPods.Pod("fast");
        fast.Spec.NodeSelector = new() { ["disk"] = "ssd" };
        await Created(fast);
        var gpu = TestPods.Pod("gpu");
        gpu.Spec.NodeSelector = new() { ["accelerator"] = "gpu" };
        await Created(gpu);

        Assert.Equal("ssd", (await AwaitBound("fast")).Spec.NodeName);
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", (await AwaitUnschedulable("gpu")).Message);
    }

    [Fact]
    public async Task Topology_spread_puts_as_many_pods_in_each_zone()
    {
        StartNode("a1", 1, cpu: 8, labels: new() { [Zone] = "a" });
        StartNode("a2", 2, cpu: 8, labels: new() { [Zone] = "a" });
        StartNode("a3", 3, cpu: 8, labels: new() { [Zone] = "a" });
        StartNode("b1", 4, cpu: 8, labels: new() { [Zone] = "b" });
        StartScheduler();
        for (var i = 0; i < 6; i++)
        {
            var pod = TestPods.Pod($"web-{i}", cpu: "100m", labels: TestPods.Labels("app=web"));
            pod.Spec.TopologySpreadConstraints =
            [
                new TopologySpreadConstraint { MaxSkew = 1, TopologyKey = Zone, WhenUnsatisfiable = "DoNotSchedule", LabelSelector = new LabelSelector { MatchLabels = TestPods.Labels("app=web") } },
            ];
            await Created(pod);
            await AwaitBound($"web-{i}");
        }

        var nodes = new List<string>();
        for (var i = 0; i < 6; i++) nodes.Add((await AwaitBound($"web-{i}")).Spec.NodeName!);
        Assert.Equal(3, nodes.Count(n => n == "b1"));
        Assert.Equal(3, nodes.Count(n => n.StartsWith('a')));
    }

    [Fact]
    public async Task A_failed_bind_releases_the_reserved_room_and_the_pod_is_bound_on_retry()
    {
        // One node with room for exactly one of these pods: if the failed bind kept its reservation, the retry would find the node full.
        StartNode("only", 1, cpu: 4);
        var front = Sys.ActorOf(ConflictingBinder.Props(Store, conflicts: 1), "conflicting-store");
        var scheduler = StartScheduler(front);
        await Created(TestPods.Pod("p", cpu: "3"));

        Assert.Equal("only", (await AwaitBound("p")).Spec.NodeName);
        await AwaitAssertAsync(async () =>
        {
            var stats = await scheduler.Ask<SchedulerStats>(GetSchedulerStats.Instance, RequestTimeout);
            Assert.Equal((1L, 1L, 0L), (stats.BindFailures, stats.Scheduled, stats.FailedAttempts));
        }, Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Pods_for_another_scheduler_are_left_alone()
    {
        StartNode("n1", 1, cpu: 4);
        var other = TestPods.Pod("theirs");
        other.Spec.SchedulerName = "edge-scheduler";
        await Created(other);
        await Created(TestPods.Pod("ours"));
        var scheduler = StartScheduler();

        await AwaitBound("ours");
        await AwaitAssertAsync(async () =>
        {
            var stats = await scheduler.Ask<SchedulerStats>(GetSchedulerStats.Instance, RequestTimeout);
            Assert.Equal((1L, 0), (stats.Scheduled, stats.Pending));
        }, Converge, TimeSpan.FromMilliseconds(50));
        Assert.True(string.IsNullOrEmpty(((Pod)(await Get(PodKey("theirs"))).Object!).Spec.NodeName));
    }
}
