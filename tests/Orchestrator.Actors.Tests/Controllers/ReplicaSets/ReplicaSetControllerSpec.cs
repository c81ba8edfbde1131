using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Controllers.ReplicaSets;

public sealed class ReplicaSetControllerSpec : ScenarioSpec
{
    [Fact]
    public async Task A_ReplicaSet_scales_from_3_to_10_to_2_with_ready_pods_and_status()
    {
        StartNode("sim-1");
        Sys.ActorOf(ReplicaSetController.Props(Store, ControllerSettings), "rs-controller");
        var rs = await Created(TestWorkloads.ReplicaSet("web", 3, node: "sim-1"));

        await AwaitReplicas(rs, 3);
        await Scale(rs, 10);
        await AwaitReplicas(rs, 10);
        await Scale(rs, 2);
        await AwaitReplicas(rs, 2);

        var pods = await OwnedPods(rs);
        Assert.All(pods, p =>
        {
            Assert.StartsWith("web-", p.Metadata.Name);
            var owner = Assert.Single(p.Metadata.OwnerReferences!);
            Assert.True(owner.Controller);
            Assert.Equal(rs.Metadata.Uid, owner.Uid);
        });
    }

    [Fact]
    public async Task An_orphan_matching_the_selector_is_adopted_and_a_pod_that_stops_matching_is_released()
    {
        StartNode("sim-1");
        await Created(TestPods.Running("stray", node: "sim-1", labels: new() { ["app"] = "web" }));
        Sys.ActorOf(ReplicaSetController.Props(Store, ControllerSettings), "rs-controller");
        var rs = await Created(TestWorkloads.ReplicaSet("web", 2, node: "sim-1"));

        await AwaitReplicas(rs, 2);
        var stray = (Pod)(await Get(PodKey("stray"))).Object!;
        Assert.Equal(rs.Metadata.Uid, OwnerReferences.ControllerOf(stray)?.Uid);

        stray.Metadata.Labels = new() { ["app"] = "other" };
        Assert.True((await Update(stray)).IsSuccess);

        await AwaitAssertAsync(async () =>
            Assert.Null(OwnerReferences.ControllerOf((Pod)(await Get(PodKey("stray"))).Object!)), Converge);
        await AwaitReplicas(rs, 2);
    }

    private async Task Scale(ReplicaSet rs, int replicas)
    {
        var current = (ReplicaSet)(await Get(KeyOf(rs))).Object!;
        current.Spec.Replicas = replicas;
        Assert.True((await Update(current)).IsSuccess);
    }

    private Task AwaitReplicas(ReplicaSet rs, int replicas) => AwaitAssertAsync(async () =>
    {
        var pods = await OwnedPods(rs);
        Assert.Equal(replicas, pods.Count);
        var status = ((ReplicaSet)(await Get(KeyOf(rs))).Object!).Status;
        Assert.NotNull(status);
        Assert.Equal(replicas, status.Replicas);
        Assert.Equal(replicas, status.ReadyReplicas);
        Assert.Equal(replicas, status.AvailableReplicas);
        Assert.Equal(replicas, status.FullyLabeledReplicas);
        Assert.Equal(((ReplicaSet)(await Get(KeyOf(rs))).Object!).Metadata.Generation, status.ObservedGeneration);
    }, Converge, TimeSpan.FromMilliseconds(100));

    private async Task<List<Pod>> OwnedPods(ReplicaSet rs) =>
        (await ListPods(labels: "app=" + rs.Metadata.Name)).Items.OfType<Pod>()
            .Where(p => p.Metadata.DeletionTimestamp is null && OwnerReferences.ControllerOf(p)?.Uid == rs.Metadata.Uid)
            .ToList();
}
