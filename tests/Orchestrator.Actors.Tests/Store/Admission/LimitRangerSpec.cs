using Orchestrator.Actors.Store.Admission;
using Orchestrator.Model.Core.V1;
using static Orchestrator.Actors.Tests.Store.Admission.TestPolicies;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>LimitRange defaults and limits on pods (pure).</summary>
public sealed class LimitRangerSpec
{
    [Fact]
    public void A_container_without_resources_gets_the_default_limit_and_default_request()
    {
        var pod = Plain("web");
        var errors = LimitRanger.Admit(pod, [Range(new LimitRangeItem { Type = "Container", Default = Amounts("cpu=1"), DefaultRequest = Amounts("cpu=250m") })]);

        Assert.Empty(errors);
        var resources = pod.Spec.Containers[0].Resources!;
        Assert.Equal("1", resources.Limits!["cpu"].ToString());
        Assert.Equal("250m", resources.Requests!["cpu"].ToString());
    }

    [Fact]
    public void Without_a_default_request_the_request_defaults_to_the_default_limit_and_without_a_default_limit_to_the_max()
    {
        var pod = Plain("web");
        LimitRanger.Admit(pod, [Range(new LimitRangeItem { Type = "Container", Max = Amounts("memory=512Mi") })]);

        var resources = pod.Spec.Containers[0].Resources!;
        Assert.Equal("512Mi", resources.Limits!["memory"].ToString());
        Assert.Equal("512Mi", resources.Requests!["memory"].ToString());
    }

    [Fact]
    public void A_container_that_names_a_limit_but_no_request_requests_its_limit_not_the_default_request()
    {
        var pod = Pod("web", (null, ["cpu=2"]));
        LimitRanger.Admit(pod, [Range(new LimitRangeItem { Type = "Container", Default = Amounts("cpu=1"), DefaultRequest = Amounts("cpu=100m") })]);

        Assert.Equal("2", pod.Spec.Containers[0].Resources!.Requests!["cpu"].ToString());
    }

    [Theory]
    [InlineData("cpu=50m", "cpu=200m", "minimum cpu usage per Container is 100m, but request is 50m")]
    [InlineData("cpu=1", "cpu=3", "maximum cpu usage per Container is 2, but limit is 3")]
    [InlineData("cpu=200m", "cpu=1", "cpu max limit to request ratio per Container is 4, but provided ratio is 5.000000")]
    public void A_container_outside_min_max_or_ratio_is_refused_with_the_limit_named(string request, string limit, string expected)
    {
        var pod = Pod("web", ([request], [limit]));
        var item = new LimitRangeItem { Type = "Container", Min = Amounts("cpu=100m"), Max = Amounts("cpu=2"), MaxLimitRequestRatio = Amounts("cpu=4") };

        var errors = LimitRanger.Admit(pod, [Range(item)]);

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void A_pod_item_limits_the_sum_over_its_containers()
    {
        var pod = Pod("web", (["memory=300Mi"], ["memory=300Mi"]), (["memory=300Mi"], ["memory=300Mi"]));
        var item = new LimitRangeItem { Type = "Pod", Max = Amounts("memory=512Mi") };

        var errors = LimitRanger.Admit(pod, [Range(item)]);

        Assert.Equal(["maximum memory usage per Pod is 512Mi, but limit is 600Mi", "maximum memory usage per Pod is 512Mi, but request is 600Mi"], errors);
    }

    [Fact]
    public void A_max_without_any_limit_given_is_refused_when_there_is_no_default()
    {
        var pod = Plain("web");
        var errors = LimitRanger.Admit(pod, [Range(new LimitRangeItem { Type = "Pod", Max = Amounts("cpu=1") })]);

        Assert.Equal(["maximum cpu usage per Pod is 1, but no limit is specified"], errors);
    }
}
