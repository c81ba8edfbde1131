using Orchestrator.Actors.Controllers.StatefulSets;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Controllers.StatefulSets;

/// <summary>StatefulSet ordering with a simulated node whose pods become ready only when the spec says so.</summary>
public sealed class StatefulSetControllerSpec : ScenarioSpec
{
    private static StatefulSet Db(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "db",
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } },
            Template = TestWorkloads.Template("db", node: "sim-1"),
        },
    };

    private static Pod PodOf(WatchEvent e) => (Pod)e.Object!;

    /// <summary>The next pod event that is not only the node reporting status.</summary>
    private WatchEvent NextPodEvent(TestKit.TestProbe probe, WatchEventType type) =>
        probe.FishForMessage<WatchEvent>(e => e.Type == type, Converge);

    [Fact]
    public async Task Pods_are_created_in_order_each_after_the_previous_is_ready_and_deleted_in_reverse()
    {
        var node = StartNode("sim-1", podsReady: false);
        Sys.ActorOf(StatefulSetController.Props(Store, ControllerSettings), "sts-controller");
        var (probe, _) = OpenWatch(new WatchObjects("", "Pod", "default", "app=db", AllowBookmarks: false));
        var set = await Created(Db(3));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"db-{i}", PodOf(NextPodEvent(probe, WatchEventType.Added)).Metadata.Name);
            // Running but not ready: the next ordinal must wait.
            probe.FishForMessage<WatchEvent>(e => e.Type == WatchEventType.Modified && PodOf(e).Status?.Phase == "Running", Converge);
            probe.ExpectNoMsg(Dilated(TimeSpan.FromMilliseconds(700)));
            node.Tell(new SetPodReady("default", $"db-{i}", true));
        }

        await AwaitAssertAsync(async () =>
        {
            var status = ((StatefulSet)(await Get(KeyOf(set))).Object!).Status;
            Assert.Equal((3, 3, 3, 3), (status?.Replicas, status?.ReadyReplicas, status?.CurrentReplicas, status?.UpdatedReplicas));
            Assert.Equal(status!.CurrentRevision, status.UpdateRevision);
        }, Converge, TimeSpan.FromMilliseconds(50));
        var created = (await ListPods("default", "app=db")).Items.Cast<Pod>().ToList();
        Assert.All(created, p => Assert.Equal(p.Metadata.Name, p.Spec.Hostname));

        var current = (StatefulSet)(await Get(KeyOf(set))).Object!;
        current.Spec.Replicas = 0;
        Assert.True((await Update(current)).IsSuccess);

        // Each deletion starts only after the higher ordinal is gone.
        for (var i = 2; i >= 0; i--)
        {
            var terminating = probe.FishForMessage<WatchEvent>(e => e.Type == WatchEventType.Modified && PodOf(e).Metadata.DeletionTimestamp is not null, Converge);
            Assert.Equal($"db-{i}", PodOf(terminating).Metadata.Name);
            Assert.Equal($"db-{i}", PodOf(NextPodEvent(probe, WatchEventType.Deleted)).Metadata.Name);
        }
    }

    [Fact]
    public async Task A_template_change_rolls_from_the_highest_ordinal_down_to_the_partition()
    {
        StartNode("sim-1");
        Sys.ActorOf(StatefulSetController.Props(Store, ControllerSettings), "sts-controller");
        var set = await Created(Db(3));
        await AwaitAssertAsync(async () =>
            Assert.Equal(3, ((StatefulSet)(await Get(KeyOf(set))).Object!).Status?.ReadyReplicas), Converge, TimeSpan.FromMilliseconds(50));

        var current = (StatefulSet)(await Get(KeyOf(set))).Object!;
        current.Spec.Template.Spec.Containers[0].Image = "nginx:1.28";
        current.Spec.UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = 1 } };
        Assert.True((await Update(current)).IsSuccess);

        await AwaitAssertAsync(async () =>
        {
            var pods = (await ListPods("default", "app=db")).Items.Cast<Pod>().Where(p => p.Metadata.DeletionTimestamp is null).ToDictionary(p => p.Metadata.Name!);
            Assert.Equal("nginx:1.27", pods["db-0"].Spec.Containers[0].Image);
            Assert.Equal("nginx:1.28", pods["db-1"].Spec.Containers[0].Image);
            Assert.Equal("nginx:1.28", pods["db-2"].Spec.Containers[0].Image);
            var status = ((StatefulSet)(await Get(KeyOf(set))).Object!).Status!;
            Assert.Equal((2, 1, 3), (status.UpdatedReplicas, status.CurrentReplicas, status.ReadyReplicas));
            Assert.NotEqual(status.CurrentRevision, status.UpdateRevision);
        }, Converge, TimeSpan.FromMilliseconds(50));
    }
}
