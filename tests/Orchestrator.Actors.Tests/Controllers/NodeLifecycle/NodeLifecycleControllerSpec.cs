using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.NodeLifecycle;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Scheduling;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Controllers.NodeLifecycle;

public sealed class NodeLifecycleControllerSpec : ScenarioSpec
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Toleration = TimeSpan.FromSeconds(1);

    public NodeLifecycleControllerSpec()
        : base("""
            orchestrator.controllers.node-lifecycle {
              monitor-period = 200ms
              monitor-grace-period = 3s
              default-toleration-seconds = 1
            }
            """)
    {
    }

    [Fact]
    public async Task A_node_that_stops_heartbeating_loses_its_pods_to_the_other_nodes_and_recovers_when_it_resumes()
    {
        var nodes = new[] { StartNode("sim-1", 1), StartNode("sim-2", 2), StartNode("sim-3", 3) };
        Sys.ActorOf(Scheduler.Props(Store, SchedulerSettings.From(Sys.Config), ControllerSettings.Informer), "scheduler");
        Sys.ActorOf(ReplicaSetController.Props(Store, ControllerSettings), "rs-controller");
        Sys.ActorOf(NodeLifecycleController.Props(Store, ControllerSettings), "node-lifecycle");
        await Created(TestWorkloads.ReplicaSet("web", 6));
        var placed = await AwaitPods(6, _ => true);
        var victim = placed.GroupBy(p => p.Spec.NodeName!).OrderByDescending(g => g.Count()).First().Key;
        var victimRef = nodes[int.Parse(victim[^1..], System.Globalization.CultureInfo.InvariantCulture) - 1];

        var stoppedAt = DateTimeOffset.UtcNow;
        victimRef.Tell(new StopHeartbeat(), TestActor);

        // Unknown and tainted only once the grace period has passed (with slack for renewals delayed on a loaded machine).
        await AwaitAssertAsync(async () =>
        {
            var node = (Node)(await Get(NodeKey(victim))).Object!;
            Assert.Equal("Unknown", node.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
            var taint = Assert.Single(node.Spec.Taints ?? [], t => t.Key == NodeLifecycleRules.UnreachableTaint);
            Assert.Equal("NoExecute", taint.Effect);
            Assert.True(taint.TimeAdded >= stoppedAt + Grace - TimeSpan.FromSeconds(2), $"tainted at {taint.TimeAdded:O}, stopped at {stoppedAt:O}");
        }, Converge, TimeSpan.FromMilliseconds(100));

        // Within grace + toleration (and slack for this machine) every replica runs ready on the other nodes.
        var moved = await AwaitPods(6, p => p.Spec.NodeName != victim, Grace + Toleration + Converge);
        Assert.All(moved, p => Assert.NotEqual(victim, p.Spec.NodeName));
        var evicted = (await ListPods(fields: "spec.nodeName=" + victim)).Items.OfType<Pod>().ToList();
        Assert.All(evicted, p => Assert.NotNull(p.Metadata.DeletionTimestamp));

        victimRef.Tell(new ResumeHeartbeat(), TestActor);
        await AwaitAssertAsync(async () =>
        {
            var node = (Node)(await Get(NodeKey(victim))).Object!;
            Assert.Equal("True", node.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
            Assert.DoesNotContain(node.Spec.Taints ?? [], t => t.Key == NodeLifecycleRules.UnreachableTaint);
            Assert.Empty((await ListPods(fields: "spec.nodeName=" + victim)).Items); // the node confirmed the evictions
        }, Converge, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_pod_tolerating_the_unreachable_taint_forever_stays()
    {
        var node = StartNode("sim-1", 1);
        Sys.ActorOf(NodeLifecycleController.Props(Store, ControllerSettings), "node-lifecycle");
        var pod = BoundPod("patient");
        pod.Spec.Tolerations = [new Toleration { Key = NodeLifecycleRules.UnreachableTaint, Operator = "Exists", Effect = "NoExecute" }];
        await Created(pod);
        await Created(BoundPod("impatient"));

        node.Tell(new StopHeartbeat(), TestActor);

        await AwaitAssertAsync(async () => Assert.NotNull(((Pod)(await Get(PodKey("impatient"))).Object!).Metadata.DeletionTimestamp), Converge, TimeSpan.FromMilliseconds(100));
        Assert.Null(((Pod)(await Get(PodKey("patient"))).Object!).Metadata.DeletionTimestamp);
    }

    private static Pod BoundPod(string name) => Tests.Store.Support.TestPods.Running(name, node: "sim-1");

    private static ObjectKey NodeKey(string name) => new("", "Node", null, name);

    private async Task<List<Pod>> AwaitPods(int count, Func<Pod, bool> where, TimeSpan? within = null)
    {
        List<Pod> result = [];
        await AwaitAssertAsync(async () =>
        {
            var pods = (await ListPods(labels: "app=web")).Items.OfType<Pod>().Where(PodConditions.IsActive).ToList();
            Assert.Equal(count, pods.Count);
            Assert.All(pods, p => Assert.True(PodConditions.IsReady(p) && where(p), $"pod {p.Metadata.Name} on {p.Spec.NodeName} is not ready there"));
            result = pods;
        }, within ?? Converge, TimeSpan.FromMilliseconds(100));
        return result;
    }
}
