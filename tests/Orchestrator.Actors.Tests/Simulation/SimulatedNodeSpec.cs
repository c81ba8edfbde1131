using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Simulation;

public sealed class SimulatedNodeSpec : ScenarioSpec
{
    [Fact]
    public async Task It_registers_a_ready_node_and_keeps_renewing_its_lease()
    {
        StartNode("sim-1");

        var node = (Node)(await Get(new ObjectKey("", "Node", null, "sim-1"))).Object!;
        Assert.Equal("True", node.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        var first = ((Lease)(await Get(LeaseKey("sim-1"))).Object!).Spec.RenewTime;
        await AwaitAssertAsync(async () =>
            Assert.True(((Lease)(await Get(LeaseKey("sim-1"))).Object!).Spec.RenewTime > first), Converge);
    }

    [Fact]
    public async Task It_reports_its_pods_running_and_ready_and_confirms_their_deletion()
    {
        StartNode("sim-1");
        await Created(TestPods.Running("web", node: "sim-1"));

        await AwaitAssertAsync(async () =>
        {
            var pod = (Pod)(await Get(PodKey("web"))).Object!;
            Assert.Equal("True", pod.Status?.Conditions?.SingleOrDefault(c => c.Type == "Ready")?.Status);
            Assert.StartsWith("10.1.", pod.Status!.PodIP);
        }, Converge);

        var deleted = await Delete(PodKey("web"));
        Assert.False(deleted.Removed); // bound pods go gracefully: the node confirms
        await AwaitGone(PodKey("web"));
    }

    [Fact]
    public async Task Pods_become_ready_on_command_when_not_ready_at_once()
    {
        var sim = StartNode("sim-1", podsReady: false);
        await Created(TestPods.Running("web", node: "sim-1"));
        await AwaitAssertAsync(async () =>
            Assert.Equal("False", ((Pod)(await Get(PodKey("web"))).Object!).Status?.Conditions?.SingleOrDefault(c => c.Type == "Ready")?.Status), Converge);

        sim.Tell(new SetPodReady("default", "web", true), TestActor);

        await AwaitAssertAsync(async () =>
            Assert.Equal("True", ((Pod)(await Get(PodKey("web"))).Object!).Status?.Conditions?.SingleOrDefault(c => c.Type == "Ready")?.Status), Converge);
    }

    [Fact]
    public async Task A_dead_node_stops_renewing_its_lease()
    {
        var sim = StartNode("sim-1");
        sim.Tell(new StopHeartbeat(), TestActor);
        await AwaitAssertAsync(async () =>
        {
            var state = await sim.Ask<NodeState>(new GetNodeState(), RequestTimeout);
            Assert.False(state.Alive);
            Assert.False(state.RenewalInFlight); // one sent before the stop may still land
        }, Converge);
        var renewed = ((Lease)(await Get(LeaseKey("sim-1"))).Object!).Spec.RenewTime;

        // Several renew intervals (200 ms) later the lease is where it was.
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        Assert.Equal(renewed, ((Lease)(await Get(LeaseKey("sim-1"))).Object!).Spec.RenewTime);
    }

    private static ObjectKey LeaseKey(string node) => new("coordination.k8s.io", "Lease", "kube-node-lease", node);
}
