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
public sealed class NodeAgentDockerTests : TestKit.TestKit
{
    private readonly DockerFixture _fixture;
    private readonly string _caseId = Guid.NewGuid().ToString("N")[..12];
    private readonly string _volumeRoot = Path.Combine(Path.GetTempPath(), "orch-agent-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IActorRef _store;
    private readonly string _node;
    private readonly DockerContainerRuntime _runtime;

    public NodeAgentDockerTests(DockerFixture fixture)
        : base(MemoryStoreConfig)
    {
        _fixture = fixture;
        _node = "docker-node-" + _caseId;
        _store = StartStore(Sys);
        _runtime = new DockerContainerRuntime(fixture.Client, new DockerContainerRuntimeOptions
        {
            SandboxImage = DockerFixture.PauseImage,
            ExtraLabels = new Dictionary<string, string>
            {
                [DockerFixture.TestLabel] = "1",
                [DockerFixture.OwnerLabel] = fixture.OwnerPid,
                [DockerFixture.CaseLabel] = _caseId,
            },
        });
    }

    private IActorRef StartAgent(string name = "agent") =>
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, _runtime, Settings(_node), new DockerRuntimeProbe(_fixture.Client),
            new PodWorkerSettings { EmptyDirRoot = _volumeRoot }), name);

    private DockerClient Docker => _fixture.Client;

    private TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    /// <summary>Generous: a loaded two-core machine can take seconds per container start.</summary>
    private static TimeSpan Long => TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_pod_in_the_store_runs_as_a_real_container_and_deleting_it_removes_the_containers()
    {
        StartAgent();
        await _store.Created(Pod("sleeper", _node, DockerFixture.BusyboxImage, "sleep", "3600"), Request);

        Pod? running = null;
        await AwaitAssertAsync(async () =>
        {
            running = await _store.Read<Pod>(PodKey("sleeper"), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            Assert.NotNull(running!.Status!.ContainerStatuses?.SingleOrDefault()?.ContainerID);
        }, Long, TimeSpan.FromMilliseconds(200));

        var containerId = running!.Status!.ContainerStatuses![0].ContainerID!;
        Assert.StartsWith("docker://", containerId, StringComparison.Ordinal);
        var inspect = await Docker.Containers.InspectAsync(containerId["docker://".Length..]);
        Assert.True(inspect.State?.Running, "the container runs");
        Assert.Equal("127.0.0.1", running.Status.HostIP);
        Assert.NotEmpty(await CaseContainersAsync());

        var node = await _store.Read<Node>(new("", "Node", null, _node), Request);
        Assert.StartsWith("docker://", node!.Status!.NodeInfo!.ContainerRuntimeVersion, StringComparison.Ordinal);
        Assert.NotEqual("docker://unknown", node.Status.NodeInfo.ContainerRuntimeVersion);

        var deleted = await _store.Send(new DeleteObject(PodKey("sleeper")), Request);
        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());

        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey("sleeper"), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_restarted_agent_reaps_containers_of_unknown_pods_and_adopts_the_running_pod()
    {
        var agent = StartAgent();
        await _store.Created(Pod("survivor", _node, DockerFixture.BusyboxImage, "sleep", "3600"), Request);
        var before = await AwaitRunning("survivor", _ => true);
        var containerId = before.Status!.ContainerStatuses![0].ContainerID!;

        Watch(agent);
        Sys.Stop(agent);
        ExpectTerminated(agent, Dilated(TimeSpan.FromSeconds(30)));
        var stale = await _runtime.CreateSandboxAsync(new PodIdentity(Guid.NewGuid().ToString("N"), "default", "stale"), CancellationToken.None);
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

        Assert.True((await _store.Send(new DeleteObject(PodKey("survivor")), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey("survivor"), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
    }

    private async Task<Pod> AwaitRunning(string name, Func<Pod, bool> also)
    {
        Pod? running = null;
        await AwaitAssertAsync(async () =>
        {
            running = await _store.Read<Pod>(PodKey(name), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            Assert.NotNull(running!.Status!.ContainerStatuses?.SingleOrDefault()?.ContainerID);
            Assert.True(running.Status.ContainerStatuses[0].State?.Running is not null, "the container runs");
            Assert.True(also(running), "the expected status");
        }, Long, TimeSpan.FromMilliseconds(200));
        return running!;
    }

    private async Task<IReadOnlyList<ContainerSummary>> CaseContainersAsync() =>
        await Docker.Containers.ListAsync(DockerFilters.ForLabel(DockerFixture.CaseLabel, _caseId), all: true);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var container in await CaseContainersAsync())
        {
            try
            {
                await DockerFixture.IgnoreNotFound(() => Docker.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true));
            }
            catch (DockerConflictException)
            {
                // A removal by the agent is still in progress.
            }
        }

        if (Directory.Exists(_volumeRoot))
        {
            Directory.Delete(_volumeRoot, recursive: true);
        }
    }
}
