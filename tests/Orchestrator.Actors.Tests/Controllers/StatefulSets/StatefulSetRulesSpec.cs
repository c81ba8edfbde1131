using Orchestrator.Actors.Controllers.StatefulSets;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Controllers.StatefulSets;

/// <summary>The StatefulSet decision (pure).</summary>
public sealed class StatefulSetRulesSpec
{
    private static StatefulSet Set(int replicas, string? policy = null, int? partition = null, string? currentRevision = null) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "default", Generation = 1 },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            PodManagementPolicy = policy,
            UpdateStrategy = partition is null ? null : new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = partition } },
        },
        Status = currentRevision is null ? null : new StatefulSetStatus { CurrentRevision = currentRevision },
    };

    private static Pod Member(int ordinal, string revision = "r1", bool ready = true, bool terminating = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"db-{ordinal}",
            Namespace = "default",
            Uid = $"u{ordinal}",
            Labels = new() { [StatefulSetRules.RevisionLabel] = revision },
            DeletionTimestamp = terminating ? DateTimeOffset.UnixEpoch : null,
        },
        Status = new PodStatus { Phase = PodPhase.Running, Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    [Fact]
    public void Ordered_ready_creates_the_next_ordinal_only_after_the_previous_is_ready()
    {
        Assert.Equal([0], StatefulSetRules.Plan(Set(3), [], "r1").Create);
        Assert.Empty(StatefulSetRules.Plan(Set(3), [Member(0, ready: false)], "r1").Create);
        Assert.Equal([1], StatefulSetRules.Plan(Set(3), [Member(0)], "r1").Create);
        Assert.Equal([2], StatefulSetRules.Plan(Set(3), [Member(0), Member(1)], "r1").Create);
    }

    [Fact]
    public void Parallel_creates_every_missing_ordinal_at_once()
    {
        Assert.Equal([0, 2], StatefulSetRules.Plan(Set(3, "Parallel"), [Member(1, ready: false)], "r1").Create);
    }

    [Fact]
    public void Scale_down_deletes_the_highest_ordinal_first_and_waits_for_it_to_go()
    {
        Pod[] pods = [Member(0), Member(1), Member(2)];
        Assert.Equal(["db-2"], StatefulSetRules.Plan(Set(0), pods, "r1").Delete.Select(p => p.Metadata.Name));
        Assert.Empty(StatefulSetRules.Plan(Set(0), [Member(0), Member(1), Member(2, terminating: true)], "r1").Delete);
        Assert.Equal(["db-1"], StatefulSetRules.Plan(Set(0), [Member(0), Member(1)], "r1").Delete.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Scale_down_waits_while_a_remaining_pod_is_unhealthy()
    {
        Assert.Empty(StatefulSetRules.Plan(Set(1), [Member(0, ready: false), Member(1)], "r1").Delete);
    }

    [Fact]
    public void Parallel_scale_down_deletes_every_condemned_pod_at_once()
    {
        var plan = StatefulSetRules.Plan(Set(1, "Parallel"), [Member(0), Member(1), Member(2)], "r1");
        Assert.Equal(["db-2", "db-1"], plan.Delete.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void A_rolling_update_replaces_the_highest_stale_ordinal_at_or_above_the_partition()
    {
        Pod[] pods = [Member(0, "r1"), Member(1, "r1"), Member(2, "r1")];
        Assert.Equal(["db-2"], StatefulSetRules.Plan(Set(3, currentRevision: "r1"), pods, "r2").Delete.Select(p => p.Metadata.Name));

        Pod[] twoDone = [Member(0, "r1"), Member(1, "r2"), Member(2, "r2")];
        Assert.Empty(StatefulSetRules.Plan(Set(3, partition: 1, currentRevision: "r1"), twoDone, "r2").Delete);
        Assert.Equal(["db-0"], StatefulSetRules.Plan(Set(3, partition: 0, currentRevision: "r1"), twoDone, "r2").Delete.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void A_rolling_update_waits_for_the_replaced_pod_to_be_ready()
    {
        Pod[] pods = [Member(0, "r1"), Member(1, "r1"), Member(2, "r2", ready: false)];
        Assert.Empty(StatefulSetRules.Plan(Set(3, currentRevision: "r1"), pods, "r2").Delete);
    }

    [Fact]
    public void Status_counts_revisions_and_the_update_revision_becomes_current_when_every_pod_has_it()
    {
        var midway = StatefulSetRules.Plan(Set(3, currentRevision: "r1"), [Member(0, "r1"), Member(1, "r2"), Member(2, "r2")], "r2").Status;
        Assert.Equal((3, 3, 1, 2, "r1", "r2"), (midway.Replicas, midway.ReadyReplicas, midway.CurrentReplicas, midway.UpdatedReplicas, midway.CurrentRevision, midway.UpdateRevision));

        var done = StatefulSetRules.Plan(Set(3, currentRevision: "r1"), [Member(0, "r2"), Member(1, "r2"), Member(2, "r2")], "r2").Status;
        Assert.Equal((3, "r2", "r2"), (done.CurrentReplicas, done.CurrentRevision, done.UpdateRevision));
    }

    [Fact]
    public void A_pod_gets_its_stable_name_host_name_and_labels()
    {
        var set = Set(3);
        set.Spec.ServiceName = "db-headless";
        var pod = new Pod { Metadata = new ObjectMeta { GenerateName = "db-" }, Spec = new PodSpec() };

        StatefulSetRules.Identify(pod, set, 2, "db-r1");

        Assert.Equal(("db-2", null, "db-2", "db-headless"), (pod.Metadata.Name, pod.Metadata.GenerateName, pod.Spec.Hostname, pod.Spec.Subdomain));
        Assert.Equal("db-2", pod.Metadata.Labels![StatefulSetRules.PodNameLabel]);
        Assert.Equal("2", pod.Metadata.Labels[StatefulSetRules.PodIndexLabel]);
        Assert.Equal(2, StatefulSetRules.OrdinalOf(set, pod));
    }
}
