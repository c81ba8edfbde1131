using Orchestrator.Actors.Store.Entities;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Docker;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>
/// The node agent on the real engine: pods created in the store run as real containers. The runtime labels
/// every container with this test's labels (and lists only those), so the agent's reaper sees only its own;
/// everything left is removed afterwards.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "docker-node-")
{
    [Fact]
    public async Task A_pod_in_the_store_runs_as_a_real_container_and_deleting_it_removes_the_containers()
    {
        StartAgent();
        await StoreRef.Created(Pod("sleeper", NodeName, DockerFixture.BusyboxImage, "sleep", "3600"), Request);

        Pod? running = null;
        await AwaitAssertAsync(async () =>
        {
            running = await StoreRef.Read<Pod>(PodKey("sleeper"), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            Assert.NotNull(running!.Status!.ContainerStatuses?.SingleOrDefault()?.ContainerID);
        }, Long, TimeSpan.FromMilliseconds(200));

        var containerId = running!.Status!.ContainerStatuses![0].ContainerID!;
        Assert.StartsWith("docker://", containerId, StringComparison.Ordinal);
        var inspect = await Docker.Containers.InspectAsync(containerId["docker://".Length..]);
        Assert.True(inspect.State?.Running, "the container runs");
        Assert.Equal("127.0.0.1", running.Status.HostIP);
        Assert.NotEmpty(await CaseContainersAsync());

        var node = await StoreRef.Read<Node>(new("", "Node", null, NodeName), Request);
        Assert.StartsWith("docker://", node!.Status!.NodeInfo!.ContainerRuntimeVersion, StringComparison.Ordinal);
        Assert.NotEqual("docker://unknown", node.Status.NodeInfo.ContainerRuntimeVersion);

        var deleted = await StoreRef.Send(new DeleteObject(PodKey("sleeper")), Request);
        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());

        await AwaitAssertAsync(async () => Assert.Null(await StoreRef.Read<Pod>(PodKey("sleeper"), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_restarted_agent_reaps_containers_of_unknown_pods_and_adopts_the_running_pod()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("survivor", NodeName, DockerFixture.BusyboxImage, "sleep", "3600"), Request);
        var before = await AwaitRunning("survivor", _ => true);
        var containerId = before.Status!.ContainerStatuses![0].ContainerID!;

        Watch(agent);
        Sys.Stop(agent);
        ExpectTerminated(agent, Dilated(TimeSpan.FromSeconds(30)));
        var stale = await ContainerRuntime.CreateSandboxAsync(new PodIdentity(Guid.NewGuid().ToString("N"), "default", "stale"), CancellationToken.None);
        StartAgent("agent-2");

        // The new worker writes a status of its own, still naming the very container the first agent started.
        var adopted = await AwaitRunning("survivor", p =>
            long.Parse(p.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) >
            long.Parse(before.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(containerId, adopted.Status!.ContainerStatuses![0].ContainerID);
        Assert.Equal(0, adopted.Status.ContainerStatuses[0].RestartCount);
        Assert.True((await Docker.Containers.InspectAsync(containerId["docker://".Length..])).State?.Running, "the adopted container still runs");
        await AwaitAssertAsync(async () =>
            Assert.DoesNotContain(await CaseContainersAsync(), c => c.Id == stale.Id), Long, TimeSpan.FromMilliseconds(200));

        Assert.True((await StoreRef.Send(new DeleteObject(PodKey("survivor")), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await StoreRef.Read<Pod>(PodKey("survivor"), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_downward_API_gives_the_container_its_pod_IP_host_IP_node_and_names()
    {
        StartAgent();
        var pod = Pod("downward", NodeName, DockerFixture.BusyboxImage, "sh", "-c",
            "echo \"$POD_IP $HOST_IP $NODE $NAME $NS\"; trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done");
        EnvVar Field(string name, string path) => new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };
        pod.Spec.Containers[0].Env =
            [Field("POD_IP", "status.podIP"), Field("HOST_IP", "status.hostIP"), Field("NODE", "spec.nodeName"), Field("NAME", "metadata.name"), Field("NS", "metadata.namespace")];
        await StoreRef.Created(pod, Request);
        var running = await AwaitRunning("downward", p => p.Status?.PodIP is not null);

        var id = running.Status!.ContainerStatuses![0].ContainerID!["docker://".Length..];
        string output = "";
        await AwaitAssertAsync(async () =>
        {
            output = (await Docker.Containers.ReadLogsAsync(id)).Stdout;
            Assert.NotEmpty(output);
        }, Long, TimeSpan.FromMilliseconds(200));
        Assert.Equal($"{running.Status.PodIP} 127.0.0.1 {NodeName} downward default\n", output);
    }

    private async Task<Pod> AwaitRunning(string name, Func<Pod, bool> also)
    {
        Pod? running = null;
        await AwaitAssertAsync(async () =>
        {
            running = await StoreRef.Read<Pod>(PodKey(name), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            Assert.NotNull(running!.Status!.ContainerStatuses?.SingleOrDefault()?.ContainerID);
            Assert.True(running.Status.ContainerStatuses[0].State?.Running is not null, "the container runs");
            Assert.True(also(running), "the expected status");
        }, Long, TimeSpan.FromMilliseconds(200));
        return running!;
    }
}
