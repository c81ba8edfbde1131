using Orchestrator.Actors.Controllers.DaemonSets;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Controllers.DaemonSets;

/// <summary>The DaemonSet controller with simulated nodes joining and leaving.</summary>
public sealed class DaemonSetControllerSpec : ScenarioSpec
{
    private static DaemonSet Agent() => new()
    {
        Metadata = new ObjectMeta { Name = "agent", Namespace = "default" },
        Spec = new DaemonSetSpec
        {
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "agent" } },
            Template = TestWorkloads.Template("agent", image: "agent:1"),
        },
    };

    private async Task<List<Pod>> AgentPods() =>
        (await ListPods("default", labels: "app=agent")).Items.Cast<Pod>().Where(p => p.Metadata.DeletionTimestamp is null).ToList();

    private async Task AwaitPodsOn(params string[] nodes) => await AwaitAssertAsync(async () =>
    {
        var pods = await AgentPods();
        Assert.Equal(nodes.Order(), pods.Select(p => p.Spec.NodeName!).Order());
        Assert.All(pods, p => Assert.Equal("Running", p.Status?.Phase));
    }, Converge, TimeSpan.FromMilliseconds(50));

    private async Task<DaemonSetStatus?> StatusOf(DaemonSet ds) => ((DaemonSet)(await Get(KeyOf(ds))).Object!).Status;

    [Fact]
    public async Task A_daemon_set_follows_nodes_joining_and_leaving()
    {
        StartNode("sim-1");
        Sys.ActorOf(DaemonSetController.Props(Store, ControllerSettings), "ds-controller");
        var ds = await Created(Agent());
        await AwaitPodsOn("sim-1");

        var second = StartNode("sim-2", index: 2);
        await AwaitPodsOn("sim-1", "sim-2");
        await AwaitAssertAsync(async () =>
        {
            var status = await StatusOf(ds);
            Assert.Equal((2, 2, 2, 0), (status?.DesiredNumberScheduled, status?.CurrentNumberScheduled, status?.NumberReady, status?.NumberMisscheduled));
        }, Converge, TimeSpan.FromMilliseconds(50));

        // sim-2 leaves: its agent stops and its Node object is removed.
        Sys.Stop(second);
        Assert.True((await Delete(new ObjectKey("", "Node", null, "sim-2"))).IsSuccess);

        await AwaitPodsOn("sim-1");
        await AwaitAssertAsync(async () =>
        {
            Assert.Single((await ListPods("default", labels: "app=agent")).Items);
            Assert.Equal(1, (await StatusOf(ds))?.DesiredNumberScheduled);
        }, Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_template_change_rolls_out_to_every_node()
    {
        StartNode("sim-1");
        StartNode("sim-2", index: 2);
        Sys.ActorOf(DaemonSetController.Props(Store, ControllerSettings), "ds-controller");
        var ds = await Created(Agent());
        await AwaitPodsOn("sim-1", "sim-2");

        var current = (DaemonSet)(await Get(KeyOf(ds))).Object!;
        current.Spec.Template.Spec.Containers[0].Image = "agent:2";
        Assert.True((await Update(current)).IsSuccess);

        await AwaitAssertAsync(async () =>
        {
            var pods = await AgentPods();
            Assert.Equal(2, pods.Count);
            Assert.All(pods, p => Assert.Equal("agent:2", p.Spec.Containers[0].Image));
            var status = await StatusOf(ds);
            Assert.Equal((2, 2), (status?.UpdatedNumberScheduled, status?.NumberReady));
        }, Converge, TimeSpan.FromMilliseconds(50));
    }
}
