using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Store.ReadModels;

/// <summary>List and watch through the kind read models (memory journal).</summary>
public sealed class ListWatchSpec() : StoreSpec(StoreBackends.Memory, "orchestrator.store { watch-history-size = 5000, bookmark-interval = 200ms }")
{
    [Fact]
    public async Task A_list_reflects_every_acknowledged_write_and_filters_by_namespace_labels_and_fields()
    {
        await Created(TestMisc.Namespace("prod"));
        await Created(TestPods.Running("a", "prod", "node-1", TestPods.Labels("app=web")));
        await Created(TestPods.Running("b", "prod", "node-2", TestPods.Labels("app=web")));
        await Created(TestPods.Pending("c", "default", TestPods.Labels("app=db")));

        Assert.Equal(["c", "a", "b"], (await ListPods()).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["a", "b"], (await ListPods(ns: "prod")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["a", "b"], (await ListPods(labels: "app=web")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["b"], (await ListPods(labels: "app in (web)", fields: "spec.nodeName=node-2")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["c"], (await ListPods(fields: "status.phase=Pending,metadata.namespace=default")).Items.Select(p => p.Metadata.Name));
        Assert.Equal(["a"], (await ListPods(fields: "metadata.name=a")).Items.Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task A_list_at_a_minimum_resource_version_waits_until_the_read_model_has_it()
    {
        await ListPods(); // the read model is running before the write
        var created = await Created(TestPods.Pending());
        var list = await ListPods(rv: created.Metadata.ResourceVersion);
        Assert.Single(list.Items);
        Assert.True(long.Parse(list.ResourceVersion) >= long.Parse(created.Metadata.ResourceVersion!));
        var otherKind = await Created(TestMisc.ConfigMap());
        var caughtUp = await ListPods(rv: otherKind.Metadata.ResourceVersion);
        Assert.True(long.Parse(caughtUp.ResourceVersion) >= long.Parse(otherKind.Metadata.ResourceVersion!));
    }

    [Fact]
    public async Task Pages_cover_every_item_once_in_order()
    {
        for (var i = 0; i < 25; i++) await Created(TestPods.Pending($"p{i:00}"));
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListPods(limit: 10, cont: token);
            names.AddRange(page.Items.Select(p => p.Metadata.Name!));
            if (page.Continue is not null) Assert.Equal(25 - names.Count, page.RemainingItemCount);
            token = page.Continue;
            pages++;
        }
        while (token is not null);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"p{i:00}"), names);
        Assert.Equal("BadRequest", (await ListPods(cont: "%%%")).Error!.Reason);
        Assert.Equal("BadRequest", (await ListPods(labels: "a in (")).Error!.Reason);
    }

    [Fact]
    public async Task Later_pages_show_the_kind_as_it_was_at_the_first_pages_resource_version()
    {
        for (var i = 0; i < 25; i++) await Created(TestPods.Pending($"p{i:00}"));
        var first = await ListPods(limit: 10);

        Assert.True((await Delete(PodKey("p15"), new DeleteOptions { GracePeriodSeconds = 0 })).IsSuccess);
        await Created(TestPods.Pending("p12a"));
        var second = await ListPods(limit: 10, cont: first.Continue);
        var third = await ListPods(limit: 10, cont: second.Continue);

        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
        Assert.Equal(first.ResourceVersion, third.ResourceVersion);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"p{i:00}"), second.Items.Select(p => p.Metadata.Name));
        Assert.Equal(Enumerable.Range(20, 5).Select(i => $"p{i:00}"), third.Items.Select(p => p.Metadata.Name));
        Assert.Null(third.Continue);
        var fresh = await ListPods();
        Assert.Contains("p12a", fresh.Items.Select(p => p.Metadata.Name));
        Assert.DoesNotContain("p15", fresh.Items.Select(p => p.Metadata.Name));
        Assert.Equal("BadRequest", (await ListPods(labels: "app=other", limit: 10, cont: first.Continue)).Error?.Reason);
    }

    [Fact]
    public async Task A_watch_from_a_lists_resource_version_sees_exactly_the_later_changes_under_concurrent_writers()
    {
        const int writers = 8, updates = 10;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<long>();
        async Task Write(int w)
        {
            var pod = (Pod)await Created(TestPods.Pending($"w{w}", labels: TestPods.Labels("n=0")));
            acknowledged.Add(long.Parse(pod.Metadata.ResourceVersion!));
            for (var n = 1; n <= updates; n++)
            {
                var reply = await Patch(PodKey($"w{w}"), PatchType.Merge, "{\"metadata\":{\"labels\":{\"n\":\"" + n + "\"}}}");
                acknowledged.Add(long.Parse(reply.Object!.Metadata.ResourceVersion!));
            }
        }

        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Write(w))));
        await AwaitAssertAsync(() => { Assert.True(acknowledged.Count >= writers); return Task.CompletedTask; }, TimeSpan.FromSeconds(10));
        var list = await ListPods();
        var listVersion = long.Parse(list.ResourceVersion);
        var (probe, _) = OpenWatch(new WatchObjects("", "Pod", ResourceVersion: list.ResourceVersion, AllowBookmarks: false));
        await writing;

        var expected = acknowledged.Where(rv => rv > listVersion).Order().ToList();
        var seen = new List<long>();
        var state = list.Items.ToDictionary(p => p.Metadata.Name!, p => p.Metadata.Labels!["n"]);
        while (seen.Count < expected.Count)
        {
            var e = NextChange(probe, RequestTimeout);
            seen.Add(long.Parse(e.ResourceVersion));
            state[e.Object!.Metadata.Name!] = e.Object.Metadata.Labels!["n"];
        }

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(expected, seen);
        Assert.All(state.Values, n => Assert.Equal($"{updates}", n));
        Assert.Equal(writers, state.Count);
    }

    [Fact]
    public async Task A_watch_from_zero_starts_with_the_current_objects_then_follows_selection_changes()
    {
        await Created(TestPods.Pending("a", labels: TestPods.Labels("app=web")));
        await Created(TestPods.Pending("b", labels: TestPods.Labels("app=db")));
        var (probe, _) = OpenWatch(new WatchObjects("", "Pod", LabelSelector: "app=web", ResourceVersion: "0"));
        var initial = NextChange(probe, RequestTimeout);
        Assert.Equal((WatchEventType.Added, "a"), (initial.Type, initial.Object!.Metadata.Name));

        await Patch(PodKey("b"), PatchType.Merge, """{"metadata":{"labels":{"app":"web"}}}""");
        Assert.Equal((WatchEventType.Added, "b"), Describe(NextChange(probe, RequestTimeout)));
        await Patch(PodKey("a"), PatchType.Merge, """{"metadata":{"labels":{"tier":"fe"}}}""");
        Assert.Equal((WatchEventType.Modified, "a"), Describe(NextChange(probe, RequestTimeout)));
        await Patch(PodKey("a"), PatchType.Merge, """{"metadata":{"labels":{"app":"db"}}}""");
        Assert.Equal((WatchEventType.Deleted, "a"), Describe(NextChange(probe, RequestTimeout)));
        var removed = await Delete(PodKey("b"));
        var deleted = NextChange(probe, RequestTimeout);
        Assert.Equal((WatchEventType.Deleted, "b"), Describe(deleted));
        Assert.Equal(removed.Object!.Metadata.ResourceVersion, deleted.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_without_a_resource_version_starts_with_every_acknowledged_object()
    {
        await ListPods(); // the read model runs before the writes
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Created(TestPods.Pending($"r{i}"))));
        var (probe, started) = OpenWatch(new WatchObjects("", "Pod", AllowBookmarks: false));
        var added = Enumerable.Range(0, 10).Select(_ => NextChange(probe, RequestTimeout)).ToList();
        Assert.All(added, e => Assert.Equal(WatchEventType.Added, e.Type));
        Assert.Equal(created.Select(c => c.Metadata.Name).Order(), added.Select(e => e.Object!.Metadata.Name).Order());
        Assert.True(long.Parse(started.ResourceVersion) >= created.Max(c => long.Parse(c.Metadata.ResourceVersion!)));
    }

    [Fact]
    public async Task Open_watches_receive_bookmarks_at_the_read_models_resource_version()
    {
        var created = await Created(TestPods.Pending());
        var (probe, _) = OpenWatch(new WatchObjects("", "Pod", ResourceVersion: created.Metadata.ResourceVersion));
        var bookmark = probe.FishForMessage<WatchEvent>(e => e.Type == WatchEventType.Bookmark, RequestTimeout);
        Assert.Null(bookmark.Object);
        Assert.True(long.Parse(bookmark.ResourceVersion) >= long.Parse(created.Metadata.ResourceVersion!));
    }

    [Fact]
    public void A_watch_with_a_bad_selector_is_BadRequest_and_an_unknown_kind_NotFound()
    {
        Store.Tell(new WatchObjects("", "Pod", LabelSelector: "a in ("), TestActor);
        Assert.Equal(400, ExpectMsg<WatchEvent>(RequestTimeout).Error!.Code);
        Store.Tell(new ListObjects("nope", "Nothing"), TestActor);
        Assert.Equal(404, ExpectMsg<ObjectList>(RequestTimeout).Error!.Code);
    }

    private static (WatchEventType, string?) Describe(WatchEvent e) => (e.Type, e.Object?.Metadata.Name);
}
