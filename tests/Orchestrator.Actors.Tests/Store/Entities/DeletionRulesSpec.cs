using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Tests.Store.Entities;

/// <summary>Deletion semantics without a journal: immediate, graceful, held by finalizers, propagation.</summary>
public sealed class DeletionRulesSpec
{
    private static readonly ResourceType _podType = ResourceRegistry.Default.Get<Pod>();
    private static readonly DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly ObjectKey _key = new("", "Pod", "default", "web");

    private static ResourceState Stored(Pod pod) =>
        ObjectRulesSpec.Run(ResourceState.Empty, ObjectRules.Create(ResourceState.Empty, _podType, pod, _now, "uid-1"), 10);

    private static Decision Delete(ResourceState state, DeleteOptions? options = null) => DeletionRules.Delete(state, _podType, _key, options, _now);

    [Fact]
    public void An_unbound_pod_is_removed_at_once()
    {
        var decision = Delete(Stored(TestPods.Pending()));
        Assert.IsType<ObjectRemoved>(Assert.Single(decision.Events));
    }

    [Fact]
    public void A_pod_on_a_node_gets_a_deletion_timestamp_after_its_grace_period_until_deleted_with_grace_zero()
    {
        var state = Stored(TestPods.Running());
        state = ObjectRulesSpec.Run(state, Delete(state), 11);
        Assert.Equal(_now.AddSeconds(30), state.Object!.Metadata.DeletionTimestamp);
        Assert.Equal(30, state.Object.Metadata.DeletionGracePeriodSeconds);

        Assert.Empty(Delete(state).Events); // a repeated delete changes nothing
        Assert.IsType<ObjectRemoved>(Assert.Single(Delete(state, new DeleteOptions(GracePeriodSeconds: 0)).Events));
    }

    [Fact]
    public void Finalizers_hold_the_object_until_an_update_removes_the_last_one()
    {
        var state = Stored(TestPods.Pending().WithFinalizers("example.com/cleanup"));
        state = ObjectRulesSpec.Run(state, Delete(state), 11);
        Assert.NotNull(state.Object!.Metadata.DeletionTimestamp);

        var released = ObjectCodec.Copy(state.Object);
        released.Metadata.Finalizers = [];
        Assert.IsType<ObjectRemoved>(Assert.Single(ObjectRules.Update(state, _podType, released).Events));
    }

    [Theory]
    [InlineData(PropagationPolicy.Foreground, "foregroundDeletion")]
    [InlineData(PropagationPolicy.Orphan, "orphan")]
    public void Foreground_and_orphan_propagation_hold_the_object_with_their_finalizer(PropagationPolicy policy, string finalizer)
    {
        var state = Stored(TestPods.Pending());
        state = ObjectRulesSpec.Run(state, Delete(state, new DeleteOptions(PropagationPolicy: policy)), 11);
        Assert.Equal([finalizer], state.Object!.Metadata.Finalizers);
        Assert.NotNull(state.Object.Metadata.DeletionTimestamp);
    }

    [Fact]
    public void Preconditions_that_do_not_hold_are_Conflict_and_a_missing_object_NotFound()
    {
        var state = Stored(TestPods.Pending());
        Assert.Equal("Conflict", Delete(state, new DeleteOptions(PreconditionUid: "other")).Error!.Reason);
        Assert.Equal("Conflict", Delete(state, new DeleteOptions(PreconditionResourceVersion: "1")).Error!.Reason);
        Assert.Equal("NotFound", Delete(ResourceState.Empty).Error!.Reason);
    }

    [Fact]
    public void A_deleted_namespace_is_terminating_until_its_spec_finalizer_goes()
    {
        var type = ResourceRegistry.Default.Get<Namespace>();
        var key = new ObjectKey("", "Namespace", null, "team");
        var state = ObjectRulesSpec.Run(ResourceState.Empty, ObjectRules.Create(ResourceState.Empty, type, TestMisc.Namespace("team"), _now, "ns"), 1);
        state = ObjectRulesSpec.Run(state, DeletionRules.Delete(state, type, key, null, _now), 2);
        Assert.Equal("Terminating", ((Namespace)state.Object!).Status!.Phase);

        var finalized = (Namespace)ObjectCodec.Copy(state.Object);
        finalized.Spec!.Finalizers = [];
        Assert.IsType<ObjectRemoved>(Assert.Single(ObjectRules.Update(state, type, finalized).Events));
    }
}
