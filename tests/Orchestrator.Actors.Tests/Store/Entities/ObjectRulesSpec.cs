using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Tests.Store.Entities;

/// <summary>The write rules without a journal: each decision applied to a state gives the next state.</summary>
public sealed class ObjectRulesSpec
{
    private static readonly ResourceType _podType = ResourceRegistry.Default.Get<Pod>();
    private static readonly DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Applies a successful decision's events at consecutive resourceVersions.</summary>
    internal static ResourceState Run(ResourceState state, Decision decision, long firstVersion)
    {
        Assert.Null(decision.Error);
        foreach (var e in decision.Events) state = state.Apply(e, firstVersion++);
        return state;
    }

    private static ResourceState CreatedPod(Pod? pod = null) =>
        Run(ResourceState.Empty, ObjectRules.Create(ResourceState.Empty, _podType, pod ?? TestPods.Pending(), _now, "uid-1"), 10);

    [Fact]
    public void Create_sets_uid_creation_timestamp_generation_one_and_pending_phase()
    {
        var state = CreatedPod();
        var pod = (Pod)state.Object!;
        Assert.Equal("uid-1", pod.Metadata.Uid);
        Assert.Equal(_now, pod.Metadata.CreationTimestamp);
        Assert.Equal(1, pod.Metadata.Generation);
        Assert.Equal("10", pod.Metadata.ResourceVersion);
        Assert.Equal("Pending", pod.Status!.Phase);
    }

    [Fact]
    public void Create_of_an_existing_object_is_AlreadyExists()
    {
        var decision = ObjectRules.Create(CreatedPod(), _podType, TestPods.Pending(), _now, "uid-2");
        Assert.Equal(("AlreadyExists", 409), (decision.Error!.Reason, decision.Error.Code));
        Assert.Equal("pods \"web\" already exists", decision.Error.Message);
    }

    [Fact]
    public void Create_of_an_invalid_object_is_Invalid_naming_every_field()
    {
        var pod = TestPods.Pending("Bad_Name");
        pod.Spec.Containers[0].Image = null;
        var error = ObjectRules.Create(ResourceState.Empty, _podType, pod, _now, "u").Error!;
        Assert.Equal(("Invalid", 422), (error.Reason, error.Code));
        var fields = error.Details!.Causes!.Select(c => c.Field).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("spec.containers[0].image", fields);
    }

    [Fact]
    public void Update_with_a_stale_resource_version_is_Conflict()
    {
        var state = CreatedPod();
        var update = ObjectCodec.Copy(state.Object!);
        update.Metadata.ResourceVersion = "9";
        var error = ObjectRules.Update(state, _podType, update).Error!;
        Assert.Equal(("Conflict", 409), (error.Reason, error.Code));
    }

    [Fact]
    public void Update_of_a_missing_object_is_NotFound()
    {
        var error = ObjectRules.Update(ResourceState.Empty, _podType, TestPods.Pending()).Error!;
        Assert.Equal(("NotFound", 404, "pods \"web\" not found"), (error.Reason, error.Code, error.Message));
    }

    [Fact]
    public void Generation_grows_on_spec_changes_only_and_status_sent_with_an_update_is_ignored()
    {
        var state = CreatedPod();
        var labelled = (Pod)ObjectCodec.Copy(state.Object!);
        labelled.Metadata.Labels = new() { ["tier"] = "fe" };
        labelled.Status = new PodStatus { Phase = "Running" };
        state = Run(state, ObjectRules.Update(state, _podType, labelled), 11);
        Assert.Equal(1, state.Object!.Metadata.Generation);
        Assert.Equal("Pending", ((Pod)state.Object).Status!.Phase);

        var newImage = (Pod)ObjectCodec.Copy(state.Object);
        newImage.Spec.Containers[0].Image = "nginx:1.28";
        state = Run(state, ObjectRules.Update(state, _podType, newImage), 12);
        Assert.Equal(2, state.Object!.Metadata.Generation);
        Assert.Equal("12", state.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public void An_update_that_changes_nothing_persists_nothing()
    {
        var state = CreatedPod();
        var decision = ObjectRules.Update(state, _podType, ObjectCodec.Copy(state.Object!));
        Assert.Empty(decision.Events);
        Assert.Same(state.Object, decision.Unchanged);
    }

    [Fact]
    public void Server_set_metadata_survives_an_update_that_omits_it()
    {
        var state = CreatedPod();
        var update = TestPods.Pending();
        update.Metadata.Labels = new() { ["a"] = "b" };
        state = Run(state, ObjectRules.Update(state, _podType, update), 11);
        Assert.Equal("uid-1", state.Object!.Metadata.Uid);
        Assert.Equal(_now, state.Object.Metadata.CreationTimestamp);
    }

    [Fact]
    public void Update_status_changes_status_only_and_keeps_generation()
    {
        var state = CreatedPod();
        var running = (Pod)ObjectCodec.Copy(state.Object!);
        running.Status = new PodStatus { Phase = "Running" };
        running.Spec.Containers[0].Image = "ignored:1";
        state = Run(state, ObjectRules.UpdateStatus(state, _podType, running), 11);
        var pod = (Pod)state.Object!;
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal("nginx:1.27", pod.Spec.Containers[0].Image);
        Assert.Equal(1, pod.Metadata.Generation);
    }

    [Fact]
    public void Merge_patch_and_strategic_merge_patch_change_the_stored_object()
    {
        var state = CreatedPod();
        state = Run(state, ObjectRules.Patch(state, _podType, new PatchObject(PodKey, PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}}}""")!)), 11);
        Assert.Equal("web", state.Object!.Metadata.Labels!["app"]);

        var rsType = ResourceRegistry.Default.Get<Model.Apps.V1.ReplicaSet>();
        var rs = Run(ResourceState.Empty, ObjectRules.Create(ResourceState.Empty, rsType, TestReplicaSets.WithReplicas(1), _now, "rs"), 20);
        var smp = """{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1"}]}}}}""";
        var rsKey = new ObjectKey("apps", "ReplicaSet", "default", "web");
        rs = Run(rs, ObjectRules.Patch(rs, rsType, new PatchObject(rsKey, PatchType.StrategicMerge, JsonNode.Parse(smp)!)), 21);
        Assert.Equal(["app", "side"], ((Model.Apps.V1.ReplicaSet)rs.Object!).Spec.Template!.Spec.Containers.Select(c => c.Name));
        Assert.Equal(2, rs.Object.Metadata.Generation);
    }

    [Fact]
    public void A_patch_carrying_a_stale_resource_version_is_Conflict_and_a_malformed_one_BadRequest()
    {
        var state = CreatedPod();
        var stale = ObjectRules.Patch(state, _podType, new PatchObject(PodKey, PatchType.Merge, JsonNode.Parse("""{"metadata":{"resourceVersion":"3","labels":{"a":"b"}}}""")!));
        Assert.Equal("Conflict", stale.Error!.Reason);
        var malformed = ObjectRules.Patch(state, _podType, new PatchObject(PodKey, PatchType.Merge, JsonNode.Parse("""{"spec":{"containers":"nope"}}""")!));
        Assert.Equal(("BadRequest", 400), (malformed.Error!.Reason, malformed.Error.Code));
    }

    [Fact]
    public void Patching_a_missing_object_is_NotFound()
    {
        var decision = ObjectRules.Patch(ResourceState.Empty, _podType, new PatchObject(PodKey, PatchType.Merge, new JsonObject()));
        Assert.Equal("NotFound", decision.Error!.Reason);
    }

    [Fact]
    public void A_created_namespace_is_active_and_holds_the_kubernetes_finalizer()
    {
        var type = ResourceRegistry.Default.Get<Namespace>();
        var state = Run(ResourceState.Empty, ObjectRules.Create(ResourceState.Empty, type, TestMisc.Namespace("team"), _now, "ns-1"), 1);
        var ns = (Namespace)state.Object!;
        Assert.Equal("Active", ns.Status!.Phase);
        Assert.Equal(["kubernetes"], ObjectRules.HoldingFinalizers(ns));
    }

    [Fact]
    public void Removed_state_has_no_object_and_recovery_restamps_the_resource_version()
    {
        var state = CreatedPod();
        state = state.Apply(new ObjectRemoved(ObjectCodec.ToNode(state.Object!)), 20);
        Assert.False(state.Exists);
        var recovered = CreatedPod().WithResourceVersion(42);
        Assert.Equal("42", recovered.Object!.Metadata.ResourceVersion);
        Assert.Equal(42, recovered.ResourceVersion);
    }

    private static ObjectKey PodKey => new("", "Pod", "default", "web");
}
