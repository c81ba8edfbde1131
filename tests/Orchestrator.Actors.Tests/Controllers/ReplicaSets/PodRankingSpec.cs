using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Controllers.ReplicaSets;

public sealed class PodRankingSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unscheduled_then_pending_then_not_ready_then_newest_pods_go_first()
    {
        var oldReady = Pod("old-ready", node: "n", phase: PodPhase.Running, ready: true, created: T0);
        var newReady = Pod("new-ready", node: "n", phase: PodPhase.Running, ready: true, created: T0.AddMinutes(5));
        var notReady = Pod("not-ready", node: "n", phase: PodPhase.Running, ready: false, created: T0);
        var pending = Pod("pending", node: "n", phase: PodPhase.Pending, ready: false, created: T0);
        var unscheduled = Pod("unscheduled", node: null, phase: PodPhase.Pending, ready: false, created: T0);

        var order = PodRanking.ToDelete([oldReady, newReady, notReady, pending, unscheduled], 5).Select(p => p.Metadata.Name);

        Assert.Equal(["unscheduled", "pending", "not-ready", "new-ready", "old-ready"], order);
    }

    [Fact]
    public void Among_ready_pods_the_one_ready_most_recently_and_then_the_one_restarted_most_goes_first()
    {
        var longReady = Pod("long", "n", PodPhase.Running, true, T0, readySince: T0);
        var justReady = Pod("just", "n", PodPhase.Running, true, T0, readySince: T0.AddMinutes(10));
        var restarted = Pod("restarted", "n", PodPhase.Running, true, T0, readySince: T0, restarts: 3);

        Assert.Equal(["just", "restarted", "long"], PodRanking.ToDelete([longReady, justReady, restarted], 3).Select(p => p.Metadata.Name));
    }

    private static Pod Pod(string name, string? node, string phase, bool ready, DateTimeOffset created, DateTimeOffset? readySince = null, int restarts = 0)
    {
        var pod = TestPods.Pending(name);
        pod.Spec.NodeName = node;
        pod.Metadata.CreationTimestamp = created;
        pod.Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = readySince ?? created }],
            ContainerStatuses = [new ContainerStatus { Name = "app", RestartCount = restarts }],
        };
        return pod;
    }
}
