using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using static Orchestrator.Actors.Tests.Store.Admission.TestPolicies;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>ResourceQuota and LimitRange admission through the object store (memory journal).</summary>
public sealed class AdmissionSpec() : StoreSpec(StoreBackends.Memory)
{
    private static readonly ObjectKey _quotaKey = new("", "ResourceQuota", "default", "q");

    private async Task<ResourceQuota> StoredQuota() => (ResourceQuota)(await Get(_quotaKey)).Object!;

    [Fact]
    public async Task A_pod_beyond_the_quota_is_forbidden_with_the_quota_named_and_use_is_recorded()
    {
        await Created(Quota("q", "pods=2"));
        await Created(Plain("web-0"));
        await Created(Plain("web-1"));

        var refused = await Create(Plain("web-2"));

        Assert.Equal(("Forbidden", 403), (refused.Error?.Reason, refused.Error?.Code));
        Assert.Equal("pods \"web-2\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2", refused.Error!.Message);
        Assert.Equal("2", (await StoredQuota()).Status!.Used!["pods"].ToString());
        Assert.Equal("NotFound", (await Get(PodKey("web-2"))).Error?.Reason);
    }

    [Fact]
    public async Task Concurrent_creates_never_both_pass_a_quota_with_room_for_one()
    {
        await Created(Quota("q", "pods=1"));

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Create(Plain($"web-{i}"))));

        Assert.Single(replies, r => r.IsSuccess);
        Assert.All(replies.Where(r => !r.IsSuccess), r => Assert.Equal("Forbidden", r.Error?.Reason));
        Assert.Single((await ListPods("default")).Items);
        Assert.Equal("1", (await StoredQuota()).Status!.Used!["pods"].ToString());
    }

    [Fact]
    public async Task Deleting_a_pod_gives_its_share_back()
    {
        await Created(Quota("q", "pods=1", "requests.cpu=1"));
        await Created(Pod("a", (["cpu=1"], null)));
        Assert.False((await Create(Pod("b", (["cpu=1"], null)))).IsSuccess);

        Assert.True((await Delete(PodKey("a"))).Removed);

        await Created(Pod("b", (["cpu=1"], null)));
        var used = (await StoredQuota()).Status!.Used!;
        Assert.Equal(("1", "1"), (used["pods"].ToString(), used["requests.cpu"].ToString()));
    }

    [Fact]
    public async Task The_recorded_use_drops_soon_after_a_delete_without_another_create()
    {
        await Created(Quota("q", "pods=5"));
        await Created(Plain("a"));
        await Created(Plain("b"));
        Assert.Equal("2", (await StoredQuota()).Status!.Used!["pods"].ToString());

        await Delete(PodKey("a"));

        await AwaitAssertAsync(async () => Assert.Equal("1", (await StoredQuota()).Status!.Used!["pods"].ToString()), RequestTimeout, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_quota_created_after_its_objects_counts_them_before_admitting_more()
    {
        await Created(Plain("a"));
        await Created(Plain("b"));
        await Created(Quota("q", "pods=2"));

        var refused = await Create(Plain("c"));

        Assert.Contains("used: pods=2", refused.Error?.Message);
    }

    [Fact]
    public async Task Raising_the_hard_limit_admits_again()
    {
        await Created(Quota("q", "count/configmaps=1"));
        await Created(TestMisc.ConfigMap("one"));
        Assert.Equal("Forbidden", (await Create(TestMisc.ConfigMap("two"))).Error?.Reason);

        var patched = await Patch(_quotaKey, PatchType.Merge, """{"spec":{"hard":{"count/configmaps":"2"}}}""");
        Assert.True(patched.IsSuccess, patched.Error?.Message);

        await Created(TestMisc.ConfigMap("two"));
        Assert.Equal("2", (await StoredQuota()).Status!.Used!["count/configmaps"].ToString());
    }

    [Fact]
    public async Task A_pod_without_resources_gets_the_limit_range_defaults_when_stored()
    {
        await Created(Range(new LimitRangeItem { Type = "Container", Default = Amounts("cpu=500m", "memory=256Mi"), DefaultRequest = Amounts("cpu=100m") }));

        var pod = await Created(Plain("web"));

        var resources = pod.Spec.Containers[0].Resources!;
        Assert.Equal(("500m", "256Mi"), (resources.Limits!["cpu"].ToString(), resources.Limits["memory"].ToString()));
        Assert.Equal(("100m", "256Mi"), (resources.Requests!["cpu"].ToString(), resources.Requests["memory"].ToString()));
    }

    [Fact]
    public async Task A_pod_over_the_limit_range_max_is_forbidden_with_the_limit_named()
    {
        await Created(Range(new LimitRangeItem { Type = "Container", Max = Amounts("cpu=1") }));

        var refused = await Create(Pod("big", (["cpu=500m"], ["cpu=2"])));

        Assert.Equal("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", refused.Error?.Message);
    }

    [Fact]
    public async Task Limit_range_defaults_are_charged_to_the_quota()
    {
        await Created(Range(new LimitRangeItem { Type = "Container", Default = Amounts("cpu=1") }));
        await Created(Quota("q", "limits.cpu=1500m"));
        await Created(Plain("a"));

        var refused = await Create(Plain("b"));

        Assert.Equal("pods \"b\" is forbidden: exceeded quota: q, requested: limits.cpu=1, used: limits.cpu=1, limited: limits.cpu=1500m", refused.Error?.Message);
    }

    [Fact]
    public async Task A_namespace_without_policy_admits_everything()
    {
        await Created(TestMisc.Namespace("free"));
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Create(TestPods.Pending($"p-{i}", "free"))));
        Assert.All(replies, r => Assert.True(r.IsSuccess, r.Error?.Message));
    }
}
