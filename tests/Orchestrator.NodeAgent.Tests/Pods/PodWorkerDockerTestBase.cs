using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Docker;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.Runtime;
using Orchestrator.TestKit;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>
/// Runs pod workers against the real engine. The runtime labels every container with the test labels
/// (and lists only those), so each test sees and reaps only its own; everything is removed afterwards.
/// </summary>
[Collection(DockerCollection.Name)]
public abstract class PodWorkerDockerTestBase : TestKit.TestKit
{
    /// <summary>Generous: a loaded two-core machine can take seconds per container start.</summary>
    protected static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private readonly string _volumeRoot = Path.Combine(Path.GetTempPath(), "orch-pod-tests-" + Guid.NewGuid().ToString("N")[..8]);

    protected PodWorkerDockerTestBase(DockerFixture fixture)
    {
        Fixture = fixture;
        CaseId = Guid.NewGuid().ToString("N")[..12];
        Runtime = new DockerContainerRuntime(fixture.Client, new DockerContainerRuntimeOptions
        {
            SandboxImage = DockerFixture.PauseImage,
            ExtraLabels = new Dictionary<string, string>
            {
                [DockerFixture.TestLabel] = "1",
                [DockerFixture.OwnerLabel] = fixture.OwnerPid,
                [DockerFixture.CaseLabel] = CaseId,
            },
        });
        Settings = new PodWorkerSettings
        {
            BackOffBase = TimeSpan.FromMilliseconds(200),
            BackOffCap = TimeSpan.FromSeconds(2),
            EmptyDirRoot = _volumeRoot,
        };
    }

    protected DockerFixture Fixture { get; }

    protected DockerClient Docker => Fixture.Client;

    protected string CaseId { get; }

    protected DockerContainerRuntime Runtime { get; }

    protected PodWorkerSettings Settings { get; }

    protected string VolumeRoot => _volumeRoot;

    /// <summary>Starts a worker for the pod that reports to <see cref="TestKit.TestKit.TestActor"/>.</summary>
    protected IActorRef StartWorker(Pod pod, string? name = null) =>
        Sys.ActorOf(PodWorker.Props(pod, Runtime, TestActor, Settings), name ?? "pod-" + pod.Metadata.Name);

    /// <summary>Waits for a published status that satisfies <paramref name="predicate"/>.</summary>
    protected PodStatus ExpectStatus(Func<PodStatus, bool> predicate, string hint, TimeSpan? timeout = null) =>
        FishForMessage<PodStatusChanged>(m => predicate(m.Status), timeout ?? Long, hint).Status;

    /// <summary>The test's containers that exist now.</summary>
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
                // The worker's own removal of this container is still in progress.
            }
        }

        if (Directory.Exists(_volumeRoot))
        {
            Directory.Delete(_volumeRoot, recursive: true);
        }
    }
}
