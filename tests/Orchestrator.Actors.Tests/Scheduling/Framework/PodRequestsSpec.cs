using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Tests.Scheduling.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Tests.Scheduling.Framework;

public sealed class PodRequestsSpec
{
    private static Container Requesting(string name, string cpu, string memory, string? restartPolicy = null) => new()
    {
        Name = name,
        Image = "busybox",
        RestartPolicy = restartPolicy,
        Resources = new ResourceRequirements { Requests = new Dictionary<string, Quantity> { ["cpu"] = cpu, ["memory"] = memory } },
    };

    [Fact]
    public void Containers_add_up()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Containers = [Requesting("a", "250m", "64Mi"), Requesting("b", "500m", "128Mi")];
        var requests = PodRequests.Of(pod.Spec);
        Assert.Equal(750, requests.MilliCpu);
        Assert.Equal(192L * 1024 * 1024, requests.MemoryBytes);
    }

    [Fact]
    public void The_largest_init_container_wins_when_it_asks_more_than_the_containers()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Containers = [Requesting("a", "500m", "64Mi")];
        pod.Spec.InitContainers = [Requesting("init-1", "2", "32Mi"), Requesting("init-2", "1", "256Mi")];
        var requests = PodRequests.Of(pod.Spec);
        Assert.Equal(2000, requests.MilliCpu);
        Assert.Equal(256L * 1024 * 1024, requests.MemoryBytes);
    }

    [Fact]
    public void Sidecars_run_alongside_the_containers_and_later_init_containers()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Containers = [Requesting("a", "500m", "64Mi")];
        pod.Spec.InitContainers = [Requesting("proxy", "100m", "16Mi", "Always"), Requesting("migrate", "1", "16Mi")];
        var requests = PodRequests.Of(pod.Spec);
        // containers + sidecar = 600m; migrate phase = 1000m + 100m sidecar = 1100m
        Assert.Equal(1100, requests.MilliCpu);
        Assert.Equal(80L * 1024 * 1024, requests.MemoryBytes);
    }

    [Fact]
    public void A_limit_without_a_request_counts_as_the_request()
    {
        var pod = TestPods.Pod("p");
        pod.Spec.Containers[0].Resources = new ResourceRequirements { Limits = new Dictionary<string, Quantity> { ["cpu"] = "300m" } };
        Assert.Equal(300, PodRequests.Of(pod.Spec).MilliCpu);
    }

    [Fact]
    public void Scores_count_defaults_for_containers_without_requests()
    {
        var nonZero = PodRequests.NonZeroOf(TestPods.Pod("p").Spec);
        Assert.Equal(PodRequests.DefaultMilliCpu, nonZero.MilliCpu);
        Assert.Equal(PodRequests.DefaultMemoryBytes, nonZero.MemoryBytes);
        Assert.True(PodRequests.Of(TestPods.Pod("p").Spec).IsZero);
    }
}
