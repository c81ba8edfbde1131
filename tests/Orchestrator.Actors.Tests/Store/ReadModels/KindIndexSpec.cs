using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Tests.Store.ReadModels;

/// <summary>The read model's index and history, without actors.</summary>
public sealed class KindIndexSpec
{
    private static KindIndex IndexOf(params Pod[] pods)
    {
        var index = new KindIndex();
        var rv = 1;
        foreach (var pod in pods) index.Put(new StoredObject(pod, rv++));
        return index;
    }

    [Fact]
    public void Select_orders_by_namespace_and_name_and_filters_by_namespace_labels_and_fields()
    {
        var index = IndexOf(
            TestPods.Running("b", "prod", labels: TestPods.Labels("app=web")),
            TestPods.Running("a", "prod", node: "node-2", labels: TestPods.Labels("app=web")),
            TestPods.Pending("c", "dev", TestPods.Labels("app=db")));

        Assert.Equal(["dev/c", "prod/a", "prod/b"], index.Select(null, Selector.Everything, FieldSelector.Everything).Select(s => s.Key));
        Assert.Equal(["prod/a", "prod/b"], index.Select("prod", Selector.Everything, FieldSelector.Everything).Select(s => s.Key));
        Assert.Equal(["prod/a", "prod/b"], index.Select(null, Selector.Parse("app=web"), FieldSelector.Everything).Select(s => s.Key));
        Assert.Equal(["prod/b"], index.Select(null, Selector.Parse("app in (web)"), FieldSelector.Parse("spec.nodeName=node-1")).Select(s => s.Key));
        Assert.Equal(["dev/c"], index.Select(null, Selector.Parse("app!=web"), FieldSelector.Parse("metadata.namespace=dev")).Select(s => s.Key));
        Assert.Equal(["prod/b"], index.Select(null, Selector.Everything, FieldSelector.Everything, afterKey: "prod/a").Select(s => s.Key));
    }

    [Fact]
    public void Replacing_and_removing_keep_the_label_index_right()
    {
        var index = IndexOf(TestPods.Pending("a", labels: TestPods.Labels("app=web")));
        index.Put(new StoredObject(TestPods.Pending("a", labels: TestPods.Labels("app=db")), 2));
        Assert.Empty(index.Select(null, Selector.Parse("app=web"), FieldSelector.Everything));
        Assert.Single(index.Select(null, Selector.Parse("app=db"), FieldSelector.Everything));
        Assert.NotNull(index.Remove("default/a"));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Select(null, Selector.Parse("app=db"), FieldSelector.Everything));
    }

    [Fact]
    public void History_serves_resource_versions_at_or_after_its_floor_and_refuses_older_ones()
    {
        var history = new WatchHistory(3);
        for (var rv = 1; rv <= 5; rv++) history.Add(new Change(rv, WatchEventType.Added, TestPods.Pending($"p{rv}"), null));
        Assert.Equal(2, history.Floor);
        Assert.False(history.TrySince(1, out _));
        Assert.True(history.TrySince(2, out var changes));
        Assert.Equal([3L, 4L, 5L], changes.Select(c => c.ResourceVersion));
        Assert.True(history.TrySince(5, out var none));
        Assert.Empty(none);
    }
}
