using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Store.Entities;

/// <summary>Every object command through the store, with every error it can answer (memory journal).</summary>
public sealed class ResourceEntitySpec() : StoreSpec(StoreBackends.Memory, "orchestrator.store { passivation-timeout = 300ms, snapshot-every = 2 }")
{
    [Fact]
    public async Task Create_then_get_returns_the_stored_object_with_server_fields()
    {
        var created = await Created(TestPods.Pending());
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        var got = await Get(PodKey("web"));
        Assert.Equal(created.Metadata.ResourceVersion, got.Object!.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, got.Object.Metadata.Uid);
    }

    [Fact]
    public async Task Stored_objects_carry_kubernetes_defaults_and_an_update_leaving_them_out_changes_no_generation()
    {
        var created = await Created(TestPods.Pending());
        Assert.Equal(("Always", 30L, "default-scheduler"), (created.Spec.RestartPolicy, created.Spec.TerminationGracePeriodSeconds, created.Spec.SchedulerName));
        Assert.NotNull(created.Spec.Containers[0].ImagePullPolicy);

        var resent = ObjectCodec.Copy(created);
        resent.Spec.RestartPolicy = null;
        resent.Spec.TerminationGracePeriodSeconds = null;
        resent.Spec.Containers[0].ImagePullPolicy = null;
        resent.Metadata.Labels = new() { ["touched"] = "yes" };
        var updated = (await Update(resent)).Object!;

        Assert.Equal(1, updated.Metadata.Generation);
        Assert.Equal("Always", ((Pod)updated).Spec.RestartPolicy);
    }

    [Fact]
    public async Task Every_error_comes_back_as_a_kubernetes_status()
    {
        await Created(TestPods.Pending());
        var exists = (await Create(TestPods.Pending())).Error!;
        Assert.Equal(("AlreadyExists", 409), (exists.Reason, exists.Code));
        var missing = (await Get(PodKey("nope"))).Error!;
        Assert.Equal(("NotFound", 404, "pods \"nope\" not found"), (missing.Reason, missing.Code, missing.Message));
        var invalid = (await Create(TestPods.Pending("Not_Valid"))).Error!;
        Assert.Equal(("Invalid", 422), (invalid.Reason, invalid.Code));
        var noNamespace = (await Create(TestPods.Pending("web", "absent"))).Error!;
        Assert.Equal(("NotFound", "namespaces \"absent\" not found"), (noNamespace.Reason, noNamespace.Message));
        var badPatch = (await Patch(PodKey("web"), PatchType.Merge, """{"spec":{"containers":7}}""")).Error!;
        Assert.Equal(("BadRequest", 400), (badPatch.Reason, badPatch.Code));
        Assert.Equal("NotFound", (await Delete(PodKey("nope"))).Error!.Reason);
        Assert.Equal("NotFound", (await Update(TestPods.Pending("nope"))).Error!.Reason);
    }

    [Fact]
    public async Task A_stale_update_is_Conflict_and_a_fresh_one_bumps_the_resource_version()
    {
        var created = await Created(TestPods.Pending());
        var first = (Pod)created;
        first.Metadata.Labels = new() { ["v"] = "1" };
        var updated = await Update(first);
        Assert.True(updated.IsSuccess);
        Assert.True(long.Parse(updated.Object!.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));

        first.Metadata.Labels["v"] = "2"; // still carries the old resourceVersion
        var stale = await Update(first);
        Assert.Equal(("Conflict", 409), (stale.Error!.Reason, stale.Error.Code));
    }

    [Fact]
    public async Task Resource_versions_grow_across_objects_and_kinds()
    {
        var versions = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            versions.Add(long.Parse((await Created(TestPods.Pending($"p{i}"))).Metadata.ResourceVersion!));
            versions.Add(long.Parse((await Created(TestMisc.ConfigMap($"c{i}"))).Metadata.ResourceVersion!));
        }

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Generation_bumps_on_spec_changes_and_status_updates_leave_it()
    {
        var pod = (Pod)await Created(TestPods.Pending());
        pod.Spec.Containers[0].Image = "nginx:1.28";
        pod = (Pod)(await Update(pod)).Object!;
        Assert.Equal(2, pod.Metadata.Generation);
        pod.Status = new PodStatus { Phase = "Running" };
        pod = (Pod)(await UpdateStatus(pod)).Object!;
        Assert.Equal(("Running", 2L), (pod.Status!.Phase, pod.Metadata.Generation!.Value));
        var patched = await Patch(PodKey("web"), PatchType.Merge, """{"status":{"phase":"Succeeded"}}""", status: true);
        Assert.Equal("Succeeded", ((Pod)patched.Object!).Status!.Phase);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        await Created(TestPods.Pending());
        var reply = await Patch(PodKey("web"), PatchType.StrategicMerge, """{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}""");
        var pod = (Pod)reply.Object!;
        Assert.Equal("nginx:2", Assert.Single(pod.Spec.Containers).Image);
    }

    [Fact]
    public async Task Generate_name_gives_a_unique_name_with_the_prefix()
    {
        var pod = TestPods.Pending("");
        pod.Metadata.Name = null;
        pod.Metadata.GenerateName = "web-";
        var a = await Created(pod);
        var b = await Created(pod);
        Assert.StartsWith("web-", a.Metadata.Name);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task Graceful_delete_marks_a_pod_on_a_node_and_a_second_delete_with_grace_zero_removes_it()
    {
        await Created(TestPods.Running());
        var first = await Delete(PodKey("web"));
        Assert.False(first.Removed);
        Assert.NotNull(first.Object!.Metadata.DeletionTimestamp);
        Assert.True((await Get(PodKey("web"))).IsSuccess);
        var second = await Delete(PodKey("web"), new DeleteOptions(GracePeriodSeconds: 0));
        Assert.True(second.Removed);
        Assert.Equal("NotFound", (await Get(PodKey("web"))).Error!.Reason);
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_they_are_removed()
    {
        await Created(TestPods.Pending().WithFinalizers("example.com/keep"));
        var deleted = await Delete(PodKey("web"));
        Assert.False(deleted.Removed);
        var held = await Get(PodKey("web"));
        Assert.NotNull(held.Object!.Metadata.DeletionTimestamp);
        var released = await Patch(PodKey("web"), PatchType.Merge, """{"metadata":{"finalizers":null}}""");
        Assert.True(released.Removed);
        Assert.Equal("NotFound", (await Get(PodKey("web"))).Error!.Reason);
    }

    [Theory]
    [InlineData(0)] // replay only
    [InlineData(1)] // from the snapshot at event 2 alone
    [InlineData(2)] // snapshot, then one event replayed
    public async Task A_passivated_entity_recovers_its_object_with_the_same_resource_version(int patches)
    {
        var created = await Created(TestMisc.ConfigMap());
        Model.IKubernetesObject last = created;
        for (var i = 0; i < patches; i++)
            last = (await Patch(KeyOf(created), PatchType.Merge, "{\"data\":{\"value\":\"" + (i + 2) + "\"}}")).Object!;
        var entityPath = $"/user/store/{KeyOf(created).EntityName}";
        AwaitAssert(() => Assert.Empty(Sys.ActorSelection(entityPath).Resolve()), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        var recovered = (ConfigMap)(await Get(KeyOf(created))).Object!;
        Assert.Equal(last.Metadata.ResourceVersion, recovered.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, recovered.Metadata.Uid);
        Assert.Equal(((ConfigMap)last).Data, recovered.Data);
        if (patches > 0) Assert.Equal("Conflict", (await Update(ObjectCodec.Copy(created))).Error?.Reason);
    }

    [Fact]
    public async Task Creating_in_a_terminating_namespace_is_Forbidden()
    {
        await Created(TestMisc.Namespace("doomed"));
        await Created(TestPods.Pending("keep", "doomed").WithFinalizers("example.com/keep"));
        await Delete(new("", "Namespace", null, "doomed"));
        var reply = await Create(TestPods.Pending("late", "doomed"));
        Assert.Equal(("Forbidden", 403), (reply.Error!.Reason, reply.Error.Code));
    }

    [Fact]
    public async Task Default_and_kube_system_namespaces_exist_from_the_start()
    {
        Assert.True((await Get(new("", "Namespace", null, "default"))).IsSuccess);
        Assert.True((await Get(new("", "Namespace", null, "kube-system"))).IsSuccess);
        var forbidden = (await Delete(new("", "Namespace", null, "default"))).Error!;
        Assert.Equal(("Forbidden", 403), (forbidden.Reason, forbidden.Code));
    }

    [Fact]
    public async Task A_removed_object_can_be_created_again_with_a_new_uid()
    {
        var first = await Created(TestMisc.ConfigMap());
        Assert.True((await Delete(KeyOf(first))).Removed);
        var second = await Created(TestMisc.ConfigMap());
        Assert.NotEqual(first.Metadata.Uid, second.Metadata.Uid);
        Assert.Equal(1, second.Metadata.Generation);
    }

    [Fact]
    public async Task Commands_for_unknown_kinds_or_without_a_name_are_refused()
    {
        Assert.Equal(404, (await Get(new("example.com", "Widget", "default", "w"))).Error!.Code);
        var nameless = TestMisc.ConfigMap();
        nameless.Metadata.Name = null;
        Assert.Equal("BadRequest", (await Update(nameless)).Error!.Reason);
        Assert.Equal("Invalid", (await Create(nameless)).Error!.Reason);
    }
}
