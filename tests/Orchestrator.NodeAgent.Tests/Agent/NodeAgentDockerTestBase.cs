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
/// Set-up shared by node-agent tests on the real engine: a store on the memory journal, a Docker runtime
/// that labels every container with this test case's labels (and lists only those, so the agent's reaper
/// sees only its own), and removal of whatever the case left behind.
/// </summary>
[Collection(DockerCollection.Name)]
public abstract class NodeAgentDockerTestBase : TestKit.TestKit
{
    protected NodeAgentDockerTestBase(DockerFixture fixture, string nodePrefix)
        : base(MemoryStoreConfig)
    {
        Fixture = fixture;
        NodeName = nodePrefix + CaseId;
        StoreRef = StartStore(Sys);
        ContainerRuntime = new DockerContainerRuntime(fixture.Client, new DockerContainerRuntimeOptions
        {
            SandboxImage = DockerFixture.PauseImage,
            ExtraLabels = new Dictionary<string, string>
            {
                [DockerFixture.TestLabel] = "1",
                [DockerFixture.OwnerLabel] = fixture.OwnerPid,
                [DockerFixture.CaseLabel] = CaseId,
            },
        });
    }

    protected DockerFixture Fixture { get; }

    protected string CaseId { get; } = Guid.NewGuid().ToString("N")[..12];

    protected string VolumeRoot { get; } = Path.Combine(Path.GetTempPath(), "orch-agent-tests-" + Guid.NewGuid().ToString("N")[..8]);

    protected IActorRef StoreRef { get; }

    protected string NodeName { get; }

    protected DockerContainerRuntime ContainerRuntime { get; }

    protected DockerClient Docker => Fixture.Client;

    protected TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    /// <summary>Generous: a loaded two-core machine can take seconds per container start.</summary>
    protected static TimeSpan Long => TimeSpan.FromSeconds(90);

    protected IActorRef StartAgent(string name = "agent", Func<NodeAgentSettings, NodeAgentSettings>? configure = null) =>
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(StoreRef, ContainerRuntime, (configure ?? (s => s))(Settings(NodeName)), new DockerRuntimeProbe(Fixture.Client),
            new PodWorkerSettings { EmptyDirRoot = VolumeRoot }), name);

    /// <summary>Waits until the single container of pod <paramref name="name"/> runs.</summary>
    protected Task<Pod> AwaitRunning(string name) =>
        AwaitPodAsync(name, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, $"{name} runs");

    /// <summary>Reads the pod <c>default/&lt;name&gt;</c> from the store until <paramref name="predicate"/> holds.</summary>
    protected async Task<Pod> AwaitPodAsync(string name, Func<Pod, bool> predicate, string what)
    {
        Pod? pod = null;
        await AwaitAssertAsync(async () =>
        {
            pod = await StoreRef.Read<Pod>(PodKey(name), Request);
            Assert.True(pod is not null && predicate(pod), what);
        }, Long, TimeSpan.FromMilliseconds(200));
        return pod!;
    }

    protected async Task<IReadOnlyList<ContainerSummary>> CaseContainersAsync() =>
        await Docker.Containers.ListAsync(DockerFilters.ForLabel(DockerFixture.CaseLabel, CaseId), all: true);

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

        if (Directory.Exists(VolumeRoot))
        {
            Directory.Delete(VolumeRoot, recursive: true);
        }
    }
}
