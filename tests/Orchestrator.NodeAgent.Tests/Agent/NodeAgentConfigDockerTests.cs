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
public sealed class NodeAgentConfigDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "config-node-")
{
    [Fact]
    public async Task ConfigMap_and_Secret_volumes_and_env_are_visible_inside_the_container()
    {
        StartAgent();
        await StoreRef.Created(new ConfigMap
        {
            Metadata = { Name = "app-config", Namespace = "default" },
            Data = new() { ["app.properties"] = "color=blue\n", ["mode"] = "fast" },
        }, Request);
        await StoreRef.Created(new Secret
        {
            Metadata = { Name = "app-secret", Namespace = "default" },
            Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
            StringData = new() { ["user"] = "admin" },
        }, Request);

        var pod = Pod("configured", NodeName, DockerFixture.BusyboxImage, "sleep", "3600");
        pod.Spec.Volumes =
        [
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "app-config", Items = [new KeyToPath { Key = "app.properties", Path = "conf/app.properties" }] } },
            new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "app-secret", DefaultMode = 256 } },
        ];
        var main = pod.Spec.Containers[0];
        main.VolumeMounts = [new VolumeMount { Name = "config", MountPath = "/etc/app" }, new VolumeMount { Name = "creds", MountPath = "/etc/creds" }];
        main.Env = [new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new() { Name = "app-config", Key = "mode" } } }];
        main.EnvFrom = [new EnvFromSource { Prefix = "DB_", SecretRef = new() { Name = "app-secret" } }];
        await StoreRef.Created(pod, Request);

        var id = await AwaitRunningContainer("configured");
        Assert.Equal("color=blue\n", await Exec(id, "cat", "/etc/app/conf/app.properties"));
        Assert.Equal("s3cret", await Exec(id, "cat", "/etc/creds/password"));
        Assert.Equal("admin", await Exec(id, "cat", "/etc/creds/user"));
        Assert.Equal("fast\n", await Printenv(id, "MODE"));
        Assert.Equal("s3cret\n", await Printenv(id, "DB_password"));
        Assert.Equal("admin\n", await Printenv(id, "DB_user"));
        var write = await ContainerRuntime.ExecAsync(id, ["sh", "-c", "echo x > /etc/creds/new"], Request, CancellationToken.None);
        Assert.NotEqual(0, write.ExitCode);

        await DeleteAndAwaitGone("configured");
    }

    [Fact]
    public async Task A_missing_ConfigMap_gives_CreateContainerConfigError_and_creating_it_lets_the_pod_start()
    {
        StartAgent();
        var pod = Pod("waiting", NodeName, DockerFixture.BusyboxImage, "sleep", "3600");
        pod.Spec.Containers[0].Env = [new EnvVar { Name = "LEVEL", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new() { Name = "late-config", Key = "level" } } }];
        await StoreRef.Created(pod, Request);

        await AwaitAssertAsync(async () =>
        {
            var seen = await StoreRef.Read<Pod>(PodKey("waiting"), Request);
            var waiting = seen?.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting;
            Assert.Equal("CreateContainerConfigError", waiting?.Reason);
            Assert.Contains("late-config", waiting!.Message, StringComparison.Ordinal);
        }, Long, TimeSpan.FromMilliseconds(200));
        Assert.Empty(await CaseContainersAsync());

        await StoreRef.Created(new ConfigMap { Metadata = { Name = "late-config", Namespace = "default" }, Data = new() { ["level"] = "debug" } }, Request);
        var id = await AwaitRunningContainer("waiting");
        Assert.Equal("debug\n", await Printenv(id, "LEVEL"));

        await DeleteAndAwaitGone("waiting");
    }

    private async Task<string> AwaitRunningContainer(string name)
    {
        string? id = null;
        await AwaitAssertAsync(async () =>
        {
            var running = await StoreRef.Read<Pod>(PodKey(name), Request);
            Assert.Equal(PodPhase.Running, running?.Status?.Phase);
            var status = running!.Status!.ContainerStatuses?.SingleOrDefault();
            Assert.True(status?.State?.Running is not null && status.ContainerID is not null, "the container runs");
            id = status!.ContainerID!["docker://".Length..];
        }, Long, TimeSpan.FromMilliseconds(200));
        return id!;
    }

    private async Task<string> Exec(string containerId, params string[] command)
    {
        var outcome = await ContainerRuntime.ExecAsync(containerId, command, Request, CancellationToken.None);
        Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', command)} exited {outcome.ExitCode}: {outcome.Output}");
        return outcome.Output;
    }

    /// <summary>The test image has no printenv: the variable's value as the container's shell sees it, newline-terminated.</summary>
    private Task<string> Printenv(string containerId, string name) => Exec(containerId, "sh", "-c", $"echo \"${name}\"");

    private async Task DeleteAndAwaitGone(string name)
    {
        Assert.True((await StoreRef.Send(new DeleteObject(PodKey(name)), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await StoreRef.Read<Pod>(PodKey(name), Request)), Long, TimeSpan.FromMilliseconds(200));
        await AwaitAssertAsync(async () => Assert.Empty(await CaseContainersAsync()), Long, TimeSpan.FromMilliseconds(200));
    }
}
