using Orchestrator.Actors.Controllers.Endpoints;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;
using EndpointsObject = Orchestrator.Model.Core.V1.Endpoints;

namespace Orchestrator.Actors.Tests.Controllers.Endpoints;

public sealed class EndpointsControllerSpec : ScenarioSpec
{
    private static readonly ObjectKey WebEndpoints = new("", "Endpoints", "default", "web");

    [Fact]
    public async Task Endpoints_follow_pod_readiness_and_go_with_their_service()
    {
        var node = StartNode("sim-1", podsReady: false);
        Sys.ActorOf(EndpointsController.Props(Store, ControllerSettings), "endpoints-controller");
        await Created(Bound("a"));
        await Created(Bound("b"));
        var service = await Created(EndpointsRulesSpec.WebService());

        await AwaitEndpoints(ready: 0, notReady: 2);
        node.Tell(new SetPodReady("default", "a", true), TestActor);
        await AwaitEndpoints(ready: 1, notReady: 1);
        node.Tell(new SetPodReady("default", "b", true), TestActor);
        await AwaitEndpoints(ready: 2, notReady: 0);
        node.Tell(new SetPodReady("default", "a", false), TestActor);
        await AwaitEndpoints(ready: 1, notReady: 1);

        Assert.True((await Delete(PodKey("b"))).IsSuccess);
        await AwaitEndpoints(ready: 0, notReady: 1);

        Assert.True((await Delete(KeyOf(service))).IsSuccess);
        await AwaitGone(WebEndpoints);
    }

    [Fact]
    public async Task Endpoints_changed_by_hand_are_put_back()
    {
        StartNode("sim-1");
        Sys.ActorOf(EndpointsController.Props(Store, ControllerSettings), "endpoints-controller");
        await Created(Bound("a"));
        await Created(EndpointsRulesSpec.WebService());
        await AwaitEndpoints(ready: 1, notReady: 0);

        var tampered = (EndpointsObject)(await Get(WebEndpoints)).Object!;
        tampered.Subsets = null;
        Assert.True((await Update(tampered)).IsSuccess);

        await AwaitEndpoints(ready: 1, notReady: 0);
    }

    private static Pod Bound(string name)
    {
        var pod = TestPods.Pending(name, labels: new() { ["app"] = "web" });
        pod.Spec.NodeName = "sim-1";
        pod.Spec.Containers[0].Ports = [new ContainerPort { Name = "http", Port = 8080 }];
        return pod;
    }

    private Task AwaitEndpoints(int ready, int notReady) => AwaitAssertAsync(async () =>
    {
        var reply = await Get(WebEndpoints);
        Assert.True(reply.IsSuccess, reply.Error?.ToString());
        var subsets = ((EndpointsObject)reply.Object!).Subsets ?? [];
        Assert.Equal(ready, subsets.Sum(s => s.Addresses?.Count ?? 0));
        Assert.Equal(notReady, subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0));
        Assert.All(subsets, s => Assert.Equal(8080, Assert.Single(s.Ports!).Port));
    }, Converge, TimeSpan.FromMilliseconds(100));
}
