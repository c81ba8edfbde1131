using Orchestrator.Ctl.Output;
using static Orchestrator.Ctl.Tests.Output.TestObjects;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class PodStatusTests
{
    [Fact]
    public void A_pod_being_deleted_is_Terminating()
    {
        var pod = RunningPod("a");
        pod["metadata"]!["deletionTimestamp"] = "2026-05-01T12:00:00Z";
        Assert.Equal("Terminating", PodStatus.Of(pod));
    }

    [Theory]
    [InlineData("ContainerCreating")]
    [InlineData("ImagePullBackOff")]
    [InlineData("CreateContainerConfigError")]
    public void A_waiting_container_shows_its_reason(string reason) =>
        Assert.Equal(reason, PodStatus.Of(WaitingPod("a", reason)));

    [Fact]
    public void A_terminated_container_shows_its_reason_or_exit_code()
    {
        var pod = Parse("""{"kind":"Pod","metadata":{"name":"a"},"status":{"phase":"Failed","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":3}}}]}}""");
        Assert.Equal("ExitCode:3", PodStatus.Of(pod));
        pod = Parse("""{"kind":"Pod","metadata":{"name":"a"},"status":{"phase":"Failed","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":137,"reason":"OOMKilled"}}}]}}""");
        Assert.Equal("OOMKilled", PodStatus.Of(pod));
    }

    [Fact]
    public void A_pod_without_container_statuses_shows_its_phase() =>
        Assert.Equal("Pending", PodStatus.Of(Parse("""{"kind":"Pod","metadata":{"name":"a"},"status":{"phase":"Pending"}}""")));
}
