using Orchestrator.Actors.Controllers.DaemonSets;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Controllers.DaemonSets;

/// <summary>Daemon placement and the DaemonSet decision (pure).</summary>
public sealed class DaemonSetRulesSpec
{
    private static Node NodeNamed(string name, Dictionary<string, string>? labels = null, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new NodeSpec { Taints = taints.Length == 0 ? null : [.. taints] },
    };

    private static DaemonSet Daemon(int? maxUnavailable = null, Dictionary<string, string>? nodeSelector = null) => new()
    {
        Metadata = new ObjectMeta { Name = "agent", Namespace = "default", Generation = 1 },
        Spec = new DaemonSetSpec
        {
            Template = new PodTemplateSpec { Spec = new PodSpec { NodeSelector = nodeSelector, Containers = [new Container { Name = "a", Image = "agent:1" }] } },
            UpdateStrategy = maxUnavailable is null ? null : new DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable.Value } },
        },
    };

    private static Pod PodOn(string node, string revision, bool ready = true) => new()
    {
        Metadata = new ObjectMeta { Name = $"agent-{node}", Namespace = "default", Uid = node, Labels = new() { [DaemonSetRules.RevisionLabel] = revision } },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus { Phase = PodPhase.Running, Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    [Fact]
    public void A_daemon_runs_where_the_node_selector_and_required_affinity_match()
    {
        var template = new PodSpec
        {
            NodeSelector = new() { ["disk"] = "ssd" },
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                    {
                        NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["a", "b"] }] }],
                    },
                },
            },
        };

        Assert.True(DaemonPlacement.ShouldRun(template, NodeNamed("n1", new() { ["disk"] = "ssd", ["zone"] = "a" })));
        Assert.False(DaemonPlacement.ShouldRun(template, NodeNamed("n2", new() { ["disk"] = "hdd", ["zone"] = "a" })));
        Assert.False(DaemonPlacement.ShouldRun(template, NodeNamed("n3", new() { ["disk"] = "ssd", ["zone"] = "c" })));
    }

    [Fact]
    public void Taints_keep_daemons_off_unless_tolerated_but_cordoned_and_unreachable_nodes_keep_them()
    {
        var plain = new PodSpec();
        var tolerant = new PodSpec { Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }] };
        var dedicated = new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };

        Assert.False(DaemonPlacement.ShouldRun(plain, NodeNamed("n", null, dedicated)));
        Assert.True(DaemonPlacement.ShouldRun(tolerant, NodeNamed("n", null, dedicated)));
        Assert.True(DaemonPlacement.ShouldRun(plain, NodeNamed("n", null, new Taint { Key = "dedicated", Effect = "PreferNoSchedule" })));
        Assert.True(DaemonPlacement.ShouldRun(plain, NodeNamed("n", null, new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" })));
        Assert.True(DaemonPlacement.ShouldRun(plain, NodeNamed("n", null, new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute" })));
    }

    [Fact]
    public void Missing_pods_are_created_misplaced_ones_deleted_and_pods_of_gone_nodes_force_deleted()
    {
        Node[] nodes = [NodeNamed("a", new() { ["role"] = "edge" }), NodeNamed("b", new() { ["role"] = "edge" }), NodeNamed("c")];
        var pods = new[] { PodOn("a", "r1"), PodOn("c", "r1"), PodOn("gone", "r1") };

        var plan = DaemonSetRules.Plan(Daemon(nodeSelector: new() { ["role"] = "edge" }), nodes, pods, "r1");

        Assert.Equal(["b"], plan.CreateOn);
        Assert.Equal(["c"], plan.Delete.Select(p => p.Spec.NodeName));
        Assert.Equal(["gone"], plan.ForceDelete.Select(p => p.Spec.NodeName));
        var s = plan.Status;
        Assert.Equal((2, 1, 1, 1, 1), (s.DesiredNumberScheduled, s.CurrentNumberScheduled, s.NumberMisscheduled, s.NumberReady, s.UpdatedNumberScheduled));
    }

    [Fact]
    public void A_rolling_update_replaces_at_most_max_unavailable_ready_pods_at_a_time()
    {
        Node[] nodes = [NodeNamed("a"), NodeNamed("b"), NodeNamed("c"), NodeNamed("d")];
        Pod[] pods = [PodOn("a", "old"), PodOn("b", "old"), PodOn("c", "old"), PodOn("d", "old")];

        Assert.Equal(2, DaemonSetRules.Plan(Daemon(maxUnavailable: 2), nodes, pods, "new").Delete.Count);
        Assert.Single(DaemonSetRules.Plan(Daemon(), nodes, pods, "new").Delete);

        // One node already lacks a ready pod: with maxUnavailable 1 nothing more is taken down, except old pods that are not ready anyway.
        Pod[] oneDown = [PodOn("a", "new", ready: false), PodOn("b", "old"), PodOn("c", "old", ready: false), PodOn("d", "old")];
        Assert.Equal(["c"], DaemonSetRules.Plan(Daemon(), nodes, oneDown, "new").Delete.Select(p => p.Spec.NodeName));
    }

    [Fact]
    public void On_delete_never_replaces_old_pods()
    {
        var ds = Daemon();
        ds.Spec.UpdateStrategy = new DaemonSetUpdateStrategy { Type = "OnDelete" };

        Assert.Empty(DaemonSetRules.Plan(ds, [NodeNamed("a")], [PodOn("a", "old")], "new").Delete);
    }

    [Fact]
    public void A_daemon_pod_is_pinned_to_its_node_and_tolerates_what_daemons_tolerate()
    {
        var pod = new Pod { Spec = new PodSpec() };

        DaemonSetRules.PinTo(pod, "n1");

        Assert.Equal("n1", pod.Spec.NodeName);
        var field = pod.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms.Single().MatchFields!.Single();
        Assert.Equal(("metadata.name", "In", "n1"), (field.Key, field.Operator, field.Values!.Single()));
        Assert.Contains(pod.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoExecute");
    }
}
