using Orchestrator.Actors.Controllers.NodeLifecycle;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Controllers.NodeLifecycle;

public sealed class NodeLifecycleRulesSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_silent_node_becomes_Unknown_and_tainted_unreachable_keeping_other_taints()
    {
        var node = ReadyNode();
        node.Spec.Taints = [new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }];

        var ready = NodeLifecycleRules.ReadyCondition(node, silent: true, T0);
        var taints = NodeLifecycleRules.Taints(node.Spec.Taints, ready!.Status, T0);

        Assert.Equal(("Unknown", NodeLifecycleRules.NodeStatusUnknown), (ready.Status, ready.Reason));
        Assert.Equal(["dedicated", NodeLifecycleRules.UnreachableTaint], taints.Select(t => t.Key));
        Assert.Equal(T0, taints[1].TimeAdded);
    }

    [Fact]
    public void A_node_whose_lease_resumes_is_Ready_again_and_untainted()
    {
        var node = ReadyNode();
        node.Status!.Conditions = [new NodeCondition { Type = "Ready", Status = "Unknown", Reason = NodeLifecycleRules.NodeStatusUnknown }];
        var current = new List<Taint> { new() { Key = NodeLifecycleRules.UnreachableTaint, Effect = "NoExecute", TimeAdded = T0 } };

        var ready = NodeLifecycleRules.ReadyCondition(node, silent: false, T0.AddMinutes(1));

        Assert.Equal("True", ready!.Status);
        Assert.Empty(NodeLifecycleRules.Taints(current, "True", T0.AddMinutes(1)));
    }

    [Fact]
    public void A_node_reporting_Ready_False_is_tainted_not_ready_and_a_kept_taint_keeps_its_time()
    {
        var current = new List<Taint> { new() { Key = NodeLifecycleRules.NotReadyTaint, Effect = "NoExecute", TimeAdded = T0 } };

        var taints = NodeLifecycleRules.Taints(current, "False", T0.AddMinutes(5));

        Assert.Equal(T0, Assert.Single(taints).TimeAdded);
        Assert.Null(NodeLifecycleRules.ReadyCondition(new Node { Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = "False" }] } }, silent: false, T0));
    }

    [Theory]
    [InlineData(null, null, 300.0)] // no toleration: the default
    [InlineData("Exists", 60L, 60.0)] // its own tolerationSeconds
    [InlineData("Exists", null, null)] // tolerates forever
    public void Eviction_waits_for_the_pods_toleration_of_the_unreachable_taint(string? op, long? seconds, double? expectedSeconds)
    {
        var pod = TestPods.Running("web");
        if (op is not null)
        {
            pod.Spec.Tolerations = [new Toleration { Key = NodeLifecycleRules.UnreachableTaint, Operator = op, Effect = "NoExecute", TolerationSeconds = seconds }];
        }

        var taints = new[] { new Taint { Key = NodeLifecycleRules.UnreachableTaint, Effect = "NoExecute", TimeAdded = T0 } };

        Assert.Equal(expectedSeconds, NodeLifecycleRules.EvictionIn(pod, taints, 300, T0)?.TotalSeconds);
    }

    [Fact]
    public void A_pod_on_an_untainted_node_is_not_evicted_and_an_untolerated_custom_NoExecute_taint_evicts_at_once()
    {
        var pod = TestPods.Running("web");

        Assert.Null(NodeLifecycleRules.EvictionIn(pod, [], 300, T0));
        Assert.Equal(TimeSpan.Zero, NodeLifecycleRules.EvictionIn(pod, [new Taint { Key = "maintenance", Effect = "NoExecute", TimeAdded = T0 }], 300, T0));
    }

    private static Node ReadyNode() => new()
    {
        Metadata = { Name = "n1" },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }] },
    };
}
