using Orchestrator.Actors.Controllers.Endpoints;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Controllers.Endpoints;

public sealed class EndpointsRulesSpec
{
    [Fact]
    public void Ready_pods_are_addresses_and_the_others_not_ready_addresses_sorted_by_ip()
    {
        var subsets = EndpointsRules.Subsets(WebService(), [Pod("b", "10.0.0.2", true), Pod("a", "10.0.0.1", true), Pod("c", "10.0.0.3", false)]);

        var subset = Assert.Single(subsets);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], subset.Addresses!.Select(a => a.Ip));
        Assert.Equal("10.0.0.3", Assert.Single(subset.NotReadyAddresses!).Ip);
        Assert.Equal(("Pod", "a", "node-1"), (subset.Addresses![0].TargetRef!.Kind, subset.Addresses[0].TargetRef!.Name, subset.Addresses[0].NodeName));
        Assert.Equal((8080, "http", "TCP"), (subset.Ports![0].Port, subset.Ports[0].Name, subset.Ports[0].Protocol));
    }

    [Fact]
    public void Pods_without_an_ip_not_matching_or_terminating_are_left_out()
    {
        var noIp = Pod("no-ip", null, true);
        var other = Pod("other", "10.0.0.9", true);
        other.Metadata.Labels = new() { ["app"] = "db" };
        var terminating = Pod("terminating", "10.0.0.8", true);
        terminating.Metadata.DeletionTimestamp = DateTimeOffset.UtcNow;

        Assert.Empty(EndpointsRules.Subsets(WebService(), [noIp, other, terminating]));
    }

    [Fact]
    public void A_named_target_port_resolves_per_pod_and_pods_with_different_ports_get_their_own_subsets()
    {
        var a = Pod("a", "10.0.0.1", true, containerPort: 8080);
        var b = Pod("b", "10.0.0.2", true, containerPort: 9090);
        var unnamed = Pod("c", "10.0.0.3", true, containerPort: null);

        var subsets = EndpointsRules.Subsets(WebService(), [a, b, unnamed]);

        Assert.Equal([8080, 9090], subsets.Select(s => s.Ports!.Single().Port));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], subsets.Select(s => s.Addresses!.Single().Ip));
    }

    [Fact]
    public void A_service_publishing_not_ready_addresses_lists_every_pod_as_an_address()
    {
        var service = WebService();
        service.Spec.PublishNotReadyAddresses = true;

        var subset = Assert.Single(EndpointsRules.Subsets(service, [Pod("a", "10.0.0.1", false)]));

        Assert.Single(subset.Addresses!);
        Assert.Null(subset.NotReadyAddresses);
    }

    internal static Service WebService() => new()
    {
        Metadata = { Name = "web", Namespace = "default" },
        Spec = new ServiceSpec
        {
            Selector = new() { ["app"] = "web" },
            Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
        },
    };

    private static Pod Pod(string name, string? ip, bool ready, int? containerPort = 8080)
    {
        var pod = TestPods.Running(name, labels: new() { ["app"] = "web" });
        pod.Spec.Containers[0].Ports = containerPort is { } port ? [new ContainerPort { Name = "http", Port = port }] : null;
        pod.Status = new PodStatus
        {
            Phase = PodPhase.Running,
            PodIP = ip,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        };
        return pod;
    }
}
