using System.Text;
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
/// ConfigMaps and Secrets in pods on the real engine: projected volumes and env, read back with exec. The
/// runtime labels every container with this test's labels; everything left is removed afterwards.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentConfigDockerTests : TestKit.TestKit
{
    private readonly DockerFixture _fixture;
    private readonly string _caseId = Guid.NewGuid().ToString("N")[..12];
    private readonly string _volumeRoot = Path.Combine(Path.GetTempPath(), "orch-config-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IActorRef _store;
    private readonly string _node;
    private readonly DockerContainerRuntime _runtime;

    public NodeAgentConfigDockerTests(DockerFixture fixture)
        : base(MemoryStoreConfig)
    {
        _fixture = fixture;
        _node = "config-node-" + _caseId;
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

    private DockerClient Docker => _fixture.Client;

    private TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    /// <summary>Generous: a loaded two-core machine can take seconds per container start.</summary>
    private static TimeSpan Long => TimeSpan.FromSeconds(90);

    private IActorRef StartAgent() =>
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, _runtime, Settings(_node), new DockerRuntimeProbe(_fixture.Client),
            new PodWorkerSettings { EmptyDirRoot = _volumeRoot }), "agent");

    [Fact]
    public async Task ConfigMap_and_Secret_volumes_and_env_are_visible_inside_the_container()
    {
        StartAgent();
        await _store.Created(new ConfigMap
        {
            Metadata = { Name = "app-config", Namespace = "default" },
            Data = new() { ["app.properties"] = "color=blue\n", ["mode"] = "fast" },
        }, Request);
        await _store.Created(new Secret
        {
            Metadata = { Name = "app-secret", Namespace = "default" },
            Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
            StringData = new() { ["user"] = "admin" },
        }, Request);

        var pod = Pod("configured", _node, DockerFixture.BusyboxImage, "sleep", "3600");
        pod.Spec.Volumes =
        [
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "app-config", Items = [new KeyToPath { Key = "app.properties", Path = "conf/app.properties" }] } },
            new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "app-secret", DefaultMode = 256 } },
        ];
        var main = pod.Spec.Containers[0];
        main.VolumeMounts = [new VolumeMount { Name = "config", MountPath = "/etc/app" }, new VolumeMount { Name = "creds", MountPath = "/etc/creds" }];
        main.Env = [new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new() { Name = "app-config", Key = "mode" } } }];
        main.EnvFrom = [new EnvFromSource { Prefix = "DB_", SecretRef = new() { Name = "app-secret" } }];
        await _store.Created(pod, Request);

        var id = await AwaitRunningContainer("configured");
        Assert.Equal("color=blue\n", await Exec(id, "cat", "/etc/app/conf/app.properties"));
        Assert.Equal("s3cret", await Exec(id, "cat", "/etc/creds/password"));
        Assert.Equal("admin", await Exec(id, "cat", "/etc/creds/user"));
        Assert.Equal("fast\n", await Printenv(id, "MODE"));
        Assert.Equal("s3cret\n", await Printenv(id, "DB_password"));
        Assert.Equal("admin\n", await Printenv(id, "DB_user"));
        var write = await _runtime.ExecAsync(id, ["sh", "-c", "echo x > /etc/creds/new"], Request, CancellationToken.None);
        Assert.NotEqual(0, write.ExitCode);

        await DeleteAndAwaitGone("configured");
    }

    [Fact]
    public async Task A_missing_ConfigMap_gives_CreateContainerConfigError_and_creating_it_lets_the_pod_start()
    {
        StartAgent();
        var pod = Pod("waiting", _node, DockerFixture.BusyboxImage, "sleep", "3600");
        pod.Spec.Containers[0].Env = [new EnvVar { Name = "LEVEL", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new() { Name = "late-config", Key = "level" } } }];
        await _store.Created(pod, Request);

        await AwaitAssertAsync(async () =>
        {
            var seen = await _store.Read<Pod>(PodKey("waiting"), Request);
            var waiting = seen?.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting;
            Assert.Equal("CreateContainerConfigError", waiting?.Reason);
            Assert.Contains("late-config", waiting!.Message, StringComparison.Ordinal);
        }, Long, TimeSpan.FromMilliseconds(200));
        Assert.Empty(await CaseContainersAsync());

        await _store.Created(new ConfigMap { Metadata = { Name = "late-config", Namespace = "default" }, Data = new() { ["level"] = "debug" } }, Request);
        var id = await AwaitRunningContainer("waiting");
        Assert.Equal("debug\n", await Printenv(id, "LEVEL"));

        await DeleteAndAwaitGone("waiting");
    }

    private async Task<string> AwaitRunningContainer(string name)
    {
        string? id = null;
        await AwaitAssertAsync(async () =>
        {
            var running = await _store.Read<Pod>(PodKey(name), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            var status = running!.Status!.ContainerStatuses?.SingleOrDefault();
            Assert.True(status?.State?.Running is not null && status.ContainerID is not null, "the container runs");
            id = status!.ContainerID!["docker://".Length..];
        }, Long, TimeSpan.FromMilliseconds(200));
        return id!;
    }

    private async Task<string> Exec(string containerId, params string[] command)
    {
        var outcome = await _runtime.ExecAsync(containerId, command, Request, CancellationToken.None);
        Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', command)} exited {outcome.ExitCode}: {outcome.Output}");
        return outcome.Output;
    }

    /// <summary>The test image has no printenv: the variable's value as the container's shell sees it, newline-terminated.</summary>
    private Task<string> Printenv(string containerId, string name) => Exec(containerId, "sh", "-c", $"echo \"${name}\"");

    private async Task DeleteAndAwaitGone(string name)
    {
        Assert.True((await _store.Send(new DeleteObject(PodKey(name)), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey(name), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
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
