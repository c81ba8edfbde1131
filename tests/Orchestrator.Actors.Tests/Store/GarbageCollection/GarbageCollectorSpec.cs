using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Store.GarbageCollection;

/// <summary>Cascading deletion by owner references and namespace deletion (memory journal).</summary>
public sealed class GarbageCollectorSpec() : StoreSpec(StoreBackends.Memory)
{
    private static readonly TimeSpan _collection = TimeSpan.FromSeconds(15);

    private async Task<(ReplicaSet Owner, Pod[] Pods)> OwnerWithPods(int count, Func<Pod, Pod>? shape = null)
    {
        var owner = await Created(TestReplicaSets.WithReplicas(count));
        var pods = new Pod[count];
        for (var i = 0; i < count; i++)
            pods[i] = await Created((shape ?? (p => p))(TestPods.Pending($"web-{i}", labels: TestPods.Labels("app=web")).OwnedBy(owner)));
        return (owner, pods);
    }

    [Fact]
    public async Task Background_deletion_removes_the_owner_at_once_and_its_dependents_afterwards()
    {
        var (owner, pods) = await OwnerWithPods(2);
        var reply = await Delete(KeyOf(owner), new DeleteOptions(PropagationPolicy: PropagationPolicy.Background));
        Assert.True(reply.Removed);
        foreach (var pod in pods) await AwaitGone(KeyOf(pod));
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_every_dependent_is_gone()
    {
        var (owner, pods) = await OwnerWithPods(2, p => p.Metadata.Name == "web-0" ? p.WithFinalizers("example.com/slow") : p);
        var reply = await Delete(KeyOf(owner), new DeleteOptions(PropagationPolicy: PropagationPolicy.Foreground));
        Assert.False(reply.Removed);
        Assert.Contains("foregroundDeletion", reply.Object!.Metadata.Finalizers!);

        await AwaitGone(KeyOf(pods[1]));
        await AwaitAssertAsync(async () => Assert.NotNull((await Get(KeyOf(pods[0]))).Object!.Metadata.DeletionTimestamp), _collection);
        Assert.True((await Get(KeyOf(owner))).IsSuccess, "the owner must wait for its slow dependent");

        await Patch(KeyOf(pods[0]), PatchType.Merge, """{"metadata":{"finalizers":null}}""");
        await AwaitGone(KeyOf(pods[0]));
        await AwaitGone(KeyOf(owner));
    }

    [Fact]
    public async Task Orphan_deletion_removes_the_owner_and_leaves_dependents_without_the_reference()
    {
        var (owner, pods) = await OwnerWithPods(2);
        await Delete(KeyOf(owner), new DeleteOptions(PropagationPolicy: PropagationPolicy.Orphan));
        await AwaitGone(KeyOf(owner));
        foreach (var pod in pods)
        {
            var kept = (await Get(KeyOf(pod))).Object!;
            Assert.True(kept.Metadata.OwnerReferences is null or { Count: 0 });
        }
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it_then_the_namespace()
    {
        await Created(TestMisc.Namespace("team"));
        var pod = await Created(TestPods.Pending("a", "team"));
        var config = await Created(TestMisc.ConfigMap("c", "team"));
        var other = await Created(TestPods.Pending("a", "default"));

        var reply = await Delete(new("", "Namespace", null, "team"));
        Assert.Equal("Terminating", ((Namespace)reply.Object!).Status!.Phase);
        await AwaitGone(KeyOf(pod));
        await AwaitGone(KeyOf(config));
        await AwaitGone(new("", "Namespace", null, "team"));
        Assert.True((await Get(KeyOf(other))).IsSuccess);
        Assert.Empty((await ListPods(ns: "team")).Items);
    }

    [Fact]
    public async Task A_dependent_created_for_an_owner_that_no_longer_exists_is_collected()
    {
        var owner = await Created(TestMisc.ConfigMap("owner"));
        await Delete(KeyOf(owner));
        var orphan = await Created(TestPods.Pending("late").OwnedBy(owner));
        await AwaitGone(KeyOf(orphan));
        Assert.Empty((await List(new ListObjects("", "ConfigMap"))).Items);
    }
}
