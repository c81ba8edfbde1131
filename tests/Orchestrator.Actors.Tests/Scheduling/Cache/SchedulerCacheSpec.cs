using Orchestrator.Actors.Scheduling.Cache;
using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Cache;

public sealed class SchedulerCacheSpec
{
    private readonly SchedulerCache _cache = new();

    private static Pod Bound(Pod pod, string node)
    {
        pod.Spec.NodeName = node;
        return pod;
    }

    [Fact]
    public void An_assumed_pod_takes_room_at_once_and_is_confirmed_by_the_watch()
    {
        _cache.SetNode(TestNodes.Node("n1", cpu: "2"));
        var pod = TestPods.Pod("p", "1");
        _cache.Assume(PodInfo.Of(pod), "n1");
        Assert.Equal(1000, _cache.Snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.True(_cache.IsAssumed("default/p"));

        Assert.Equal(ClusterEvents.AssignedPodAdded, _cache.SetPod(PodInfo.Of(Bound(pod, "n1"))));
        Assert.False(_cache.IsAssumed("default/p"));
        Assert.Equal(1000, _cache.Snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.False(_cache.Forget("default/p"));
    }

    [Fact]
    public void Forgetting_an_assumption_frees_the_room()
    {
        _cache.SetNode(TestNodes.Node("n1"));
        _cache.Assume(PodInfo.Of(TestPods.Pod("p", "1")), "n1");
        Assert.True(_cache.Forget("default/p"));
        Assert.Equal(0, _cache.Snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.Equal(0, _cache.AssumedCount);
    }

    [Fact]
    public void A_pod_bound_elsewhere_than_assumed_moves_to_its_real_node()
    {
        _cache.SetNode(TestNodes.Node("n1"));
        _cache.SetNode(TestNodes.Node("n2"));
        var pod = TestPods.Pod("p", "1");
        _cache.Assume(PodInfo.Of(pod), "n1");
        _cache.SetPod(PodInfo.Of(Bound(pod, "n2")));
        Assert.Empty(_cache.Snapshot.Get("n1")!.Pods);
        Assert.Single(_cache.Snapshot.Get("n2")!.Pods);
    }

    [Fact]
    public void Finished_and_deleted_pods_release_their_node()
    {
        _cache.SetNode(TestNodes.Node("n1"));
        var pod = Bound(TestPods.Pod("p", "1"), "n1");
        _cache.SetPod(PodInfo.Of(pod));
        pod.Status = new PodStatus { Phase = "Succeeded" };
        Assert.Equal(ClusterEvents.AssignedPodRemoved, _cache.SetPod(PodInfo.Of(pod)));
        Assert.Empty(_cache.Snapshot.Get("n1")!.Pods);
        Assert.Equal(ClusterEvents.None, _cache.RemovePod("default/p"));
    }

    [Fact]
    public void Pods_on_an_unknown_node_count_once_the_node_appears()
    {
        _cache.SetPod(PodInfo.Of(Bound(TestPods.Pod("p", "1"), "late")));
        Assert.Empty(_cache.Snapshot.Nodes);
        _cache.SetNode(TestNodes.Node("late"));
        Assert.Equal(1000, Assert.Single(_cache.Snapshot.Nodes).Requested.MilliCpu);
    }

    [Fact]
    public void Node_changes_report_whether_scheduling_inputs_changed()
    {
        Assert.Equal(ClusterEvents.NodeAdded, _cache.SetNode(TestNodes.Node("n1")));
        Assert.Equal(ClusterEvents.None, _cache.SetNode(TestNodes.Node("n1")));
        Assert.Equal(ClusterEvents.NodeUpdated, _cache.SetNode(TestNodes.Node("n1", cpu: "8")));
        Assert.Equal(ClusterEvents.NodeUpdated, _cache.SetNode(TestNodes.Node("n1", cpu: "8", unschedulable: true)));
        Assert.Equal(ClusterEvents.NodeUpdated, _cache.SetNode(TestNodes.Node("n1", cpu: "8", unschedulable: true, labels: new() { ["a"] = "b" })));
        _cache.RemoveNode("n1");
        Assert.Empty(_cache.Snapshot.Nodes);
    }
}
