using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Queue;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Scheduling.Queue;

public sealed class SchedulingQueueSpec
{
    private static readonly DateTimeOffset _t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SchedulingQueue _queue = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    private static PodInfo Pod(string name, int? priority = null)
    {
        var pod = TestPods.Pod(name);
        pod.Spec.Priority = priority;
        return PodInfo.Of(pod);
    }

    private QueuedPod FailOnce(string name, ClusterEvents retryOn, DateTimeOffset at)
    {
        _queue.Add(Pod(name), at);
        var popped = _queue.Pop()!;
        _queue.AddUnschedulable(popped, retryOn, at);
        return popped;
    }

    [Fact]
    public void Higher_priority_pops_first_then_the_earlier_arrival()
    {
        _queue.Add(Pod("low-old", 0), _t0);
        _queue.Add(Pod("high", 100), _t0.AddSeconds(2));
        _queue.Add(Pod("low-new", 0), _t0.AddSeconds(1));
        _queue.Add(Pod("low-newest"), _t0.AddSeconds(3));
        Assert.Equal(["high", "low-old", "low-new", "low-newest"], Enumerable.Range(0, 4).Select(_ => _queue.Pop()!.Info.Name));
        Assert.Null(_queue.Pop());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(30, 10)]
    public void Back_off_doubles_per_attempt_up_to_the_maximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), _queue.BackoffFor(attempts));

    [Fact]
    public void An_unschedulable_pod_waits_for_an_event_its_plugins_registered()
    {
        FailOnce("p", ClusterEvents.NodeAdded, _t0);
        Assert.Equal(1, _queue.CountAt(QueueLocation.Unschedulable));
        _queue.OnClusterEvent(ClusterEvents.AssignedPodAdded, _t0.AddSeconds(5));
        Assert.Equal(1, _queue.CountAt(QueueLocation.Unschedulable));
        _queue.OnClusterEvent(ClusterEvents.NodeAdded, _t0.AddSeconds(5));
        Assert.Equal("p", _queue.Pop()?.Info.Name);
    }

    [Fact]
    public void A_helpful_event_during_back_off_moves_the_pod_to_back_off_until_it_expires()
    {
        FailOnce("p", ClusterEvents.NodeAdded, _t0);
        _queue.OnClusterEvent(ClusterEvents.NodeAdded, _t0.AddMilliseconds(200));
        Assert.Equal(1, _queue.CountAt(QueueLocation.Backoff));
        Assert.Null(_queue.Pop());
        Assert.Equal(_t0.AddSeconds(1), _queue.NextBackoffExpiry());
        _queue.Flush(_t0.AddMilliseconds(900));
        Assert.Null(_queue.Pop());
        _queue.Flush(_t0.AddSeconds(1));
        Assert.Equal("p", _queue.Pop()?.Info.Name);
    }

    [Fact]
    public void An_event_that_arrives_while_the_pod_is_in_flight_sends_it_to_back_off_not_to_wait()
    {
        _queue.Add(Pod("p"), _t0);
        var popped = _queue.Pop()!;
        _queue.OnClusterEvent(ClusterEvents.NodeAdded, _t0);
        _queue.AddUnschedulable(popped, ClusterEvents.NodeAdded, _t0);
        Assert.Equal(QueueLocation.Backoff, popped.Location);
    }

    [Fact]
    public void A_pod_unschedulable_for_too_long_is_retried_without_an_event()
    {
        FailOnce("p", ClusterEvents.NodeAdded, _t0);
        _queue.Flush(_t0.AddMinutes(4));
        Assert.Null(_queue.Pop());
        _queue.Flush(_t0.AddMinutes(5));
        Assert.Equal("p", _queue.Pop()?.Info.Name);
    }

    [Fact]
    public void A_failed_bind_backs_the_pod_off_with_a_growing_delay()
    {
        _queue.Add(Pod("p"), _t0);
        var popped = _queue.Pop()!;
        _queue.AddBackoff(popped, _t0);
        _queue.Flush(_t0.AddSeconds(1));
        popped = _queue.Pop()!;
        Assert.Equal(2, popped.Attempts);
        _queue.AddBackoff(popped, _t0.AddSeconds(1));
        Assert.Equal(_t0.AddSeconds(3), _queue.NextBackoffExpiry());
    }

    [Fact]
    public void A_deleted_pod_never_pops()
    {
        _queue.Add(Pod("a"), _t0);
        _queue.Add(Pod("b"), _t0);
        _queue.Delete("default/a");
        Assert.Equal("b", _queue.Pop()?.Info.Name);
        Assert.Null(_queue.Pop());
        Assert.Equal(0, _queue.ActiveCount);
    }

    [Fact]
    public void A_gated_pod_waits_until_an_update_removes_its_gates()
    {
        var gated = TestPods.Pod("p");
        gated.Spec.SchedulingGates = [new PodSchedulingGate { Name = "example.com/wait" }];
        _queue.Add(PodInfo.Of(gated), _t0);
        Assert.Null(_queue.Pop());
        gated.Spec.SchedulingGates = null;
        _queue.Update(PodInfo.Of(gated), _t0.AddSeconds(1));
        Assert.Equal("p", _queue.Pop()?.Info.Name);
    }

    [Fact]
    public void An_update_that_changes_the_pods_labels_retries_it()
    {
        var popped = FailOnce("p", ClusterEvents.NodeAdded, _t0);
        var changed = TestPods.Pod("p", labels: TestPods.Labels("tier=web"));
        _queue.Update(PodInfo.Of(changed), _t0.AddSeconds(2));
        Assert.Equal("p", _queue.Pop()?.Info.Name);

        _queue.AddUnschedulable(popped, ClusterEvents.NodeAdded, _t0.AddSeconds(2));
        _queue.Update(PodInfo.Of(changed), _t0.AddSeconds(10));
        Assert.Equal(QueueLocation.Unschedulable, popped.Location);
    }
}
