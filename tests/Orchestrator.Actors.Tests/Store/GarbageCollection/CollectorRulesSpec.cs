using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.GarbageCollection;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model;

namespace Orchestrator.Actors.Tests.Store.GarbageCollection;

/// <summary>The collector's decisions on a graph, without actors.</summary>
public sealed class CollectorRulesSpec
{
    private readonly OwnerGraph _graph = new(KindCatalog.Default);

    public CollectorRulesSpec()
    {
        var ns = TestMisc.Namespace("default");
        Add(ns, "default-ns");
    }

    private T Add<T>(T obj, string uid, bool deleting = false, params string[] finalizers) where T : IKubernetesObject
    {
        obj.Metadata.Uid = uid;
        if (deleting) obj.Metadata.DeletionTimestamp = DateTimeOffset.UnixEpoch;
        if (finalizers.Length > 0) obj.Metadata.Finalizers = [.. finalizers];
        _graph.Apply(new ObjectModified(ObjectCodec.ToNode(obj)), obj);
        return obj;
    }

    private List<CollectorAction> Sync(string uid) => CollectorRules.Sync(_graph, uid).ToList();

    [Fact]
    public void A_foreground_owner_deletes_its_dependents_then_drops_its_finalizer()
    {
        var owner = Add(TestReplicaSets.WithReplicas(1), "rs", deleting: true, "foregroundDeletion");
        Add(TestPods.Pending("p").OwnedBy(owner), "pod");
        var delete = Assert.Single(Sync("rs"));
        Assert.IsType<DeleteObject>(delete.Command);
        Assert.Equal("p", delete.Target.Name);

        var removed = TestPods.Pending("p").OwnedBy(owner);
        removed.Metadata.Uid = "pod";
        _graph.Apply(new ObjectRemoved(ObjectCodec.ToNode(removed)), removed);
        Assert.IsType<PatchObject>(Assert.Single(Sync("rs")).Command);
    }

    [Fact]
    public void An_orphaning_owner_strips_its_reference_from_dependents()
    {
        var owner = Add(TestReplicaSets.WithReplicas(1), "rs", deleting: true, "orphan");
        Add(TestPods.Pending("p").OwnedBy(owner), "pod");
        var action = Assert.Single(Sync("rs"));
        Assert.Equal("orphan pod rs", action.Id);
    }

    [Fact]
    public void A_dependent_whose_owners_are_all_gone_is_deleted_and_one_with_a_living_owner_is_kept()
    {
        var owner = Add(TestReplicaSets.WithReplicas(1), "rs");
        Add(TestPods.Pending("kept").OwnedBy(owner), "kept");
        var ghost = TestReplicaSets.WithReplicas(1, "ghost");
        ghost.Metadata.Uid = "ghost";
        Add(TestPods.Pending("orphan").OwnedBy(ghost), "orphan");
        Assert.Empty(Sync("kept"));
        Assert.IsType<DeleteObject>(Assert.Single(Sync("orphan")).Command);
    }

    [Fact]
    public void A_terminating_namespace_deletes_its_contents_and_is_finalized_when_empty()
    {
        var ns = TestMisc.Namespace("team");
        ns.Spec = new Model.Core.V1.NamespaceSpec { Finalizers = ["kubernetes"] };
        Add(ns, "ns", deleting: true);
        var pod = Add(TestPods.Pending("a", "team"), "a");
        Assert.Equal("delete a", Assert.Single(Sync("ns")).Id);
        _graph.Apply(new ObjectRemoved(ObjectCodec.ToNode(pod)), pod);
        Assert.Equal("finalize ns namespace", Assert.Single(Sync("ns")).Id);
    }

    [Fact]
    public void An_object_in_a_namespace_that_no_longer_exists_is_deleted()
    {
        Add(TestPods.Pending("late", "gone"), "late");
        Assert.Equal("delete late", Assert.Single(Sync("late")).Id);
        Assert.Empty(Sync("default-ns"));
    }

    [Fact]
    public void An_owner_of_a_kind_the_store_does_not_serve_never_counts_as_gone()
    {
        var pod = TestPods.Pending("custom");
        pod.Metadata.OwnerReferences = [new Model.Meta.OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = "w", Uid = "w-1" }];
        Add(pod, "custom");
        Assert.Empty(Sync("custom"));
    }
}
