using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>What <see cref="DockerContainerRuntime"/> asks of the engine: labels, namespaces, limits, env, binds, pulls.</summary>
public sealed class DockerContainerRuntimeTests(DockerFixture fixture) : PodWorkerDockerTestBase(fixture)
{
    private readonly PodIdentity _pod = new(Guid.NewGuid().ToString("N"), "test", "runtime");

    [Fact]
    public async Task A_container_joins_the_sandbox_and_carries_the_pod_labels_limits_env_and_binds()
    {
        var sandbox = await Runtime.CreateSandboxAsync(_pod, CancellationToken.None);
        var hostDir = Path.Combine(VolumeRoot, "data");
        var id = await Runtime.CreateContainerAsync(_pod, sandbox.Id, new ContainerLaunch
        {
            Name = "app",
            Image = DockerFixture.BusyboxImage,
            Args = ["sleep", "600"],
            Env = [new("POD_NAME", "runtime")],
            MemoryBytes = 64L << 20,
            NanoCpus = 500_000_000,
            CpuShares = 512,
            Mounts = [new HostMount(hostDir, "/data", ReadOnly: true, CreateIfMissing: true)],
            RestartCount = 3,
        }, CancellationToken.None);

        var inspect = await Docker.Containers.InspectAsync(id);

        Assert.NotNull(sandbox.PodIp);
        Assert.Equal($"container:{sandbox.Id}", inspect.HostConfig!.NetworkMode);
        Assert.Equal(64L << 20, inspect.HostConfig.Memory);
        Assert.Equal(500_000_000, inspect.HostConfig.NanoCpus);
        Assert.Equal(512, inspect.HostConfig.CpuShares);
        Assert.Equal(64L << 20, inspect.HostConfig.MemorySwap);
        Assert.Contains($"{hostDir}:/data:ro", inspect.HostConfig.Binds!);
        Assert.True(Directory.Exists(hostDir));
        Assert.Contains("POD_NAME=runtime", inspect.Config!.Env!);
        var labels = inspect.Config.Labels!;
        Assert.Equal(_pod.Uid, labels[PodLabels.PodUid]);
        Assert.Equal("runtime", labels[PodLabels.PodName]);
        Assert.Equal("test", labels[PodLabels.PodNamespace]);
        Assert.Equal("app", labels[PodLabels.ContainerName]);
        Assert.Equal("3", labels[PodLabels.RestartCount]);
        Assert.Equal("1", labels[DockerFixture.TestLabel]);
    }

    [Fact]
    public async Task An_exec_that_outlives_its_timeout_reports_a_timeout()
    {
        var sandbox = await Runtime.CreateSandboxAsync(_pod, CancellationToken.None);
        var id = await Runtime.CreateContainerAsync(_pod, sandbox.Id,
            new ContainerLaunch { Name = "app", Image = DockerFixture.BusyboxImage, Args = ["sleep", "600"] }, CancellationToken.None);
        await Runtime.StartContainerAsync(id, CancellationToken.None);

        var outcome = await Runtime.ExecAsync(id, ["sleep", "30"], TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.True(outcome.TimedOut);
    }

    [Theory]
    [InlineData(DockerFixture.BusyboxImage, "IfNotPresent")]
    [InlineData(DockerFixture.BusyboxImage, "Never")]
    [InlineData(DockerFixture.Registry + "/orchestrator/busybox:1", "Always")]
    public async Task An_image_is_made_present_per_pull_policy(string image, string policy)
    {
        var pulls = 0;
        var id = await Runtime.EnsureImageAsync(image, policy, () => pulls++, CancellationToken.None);

        Assert.StartsWith("sha256:", id, StringComparison.Ordinal);
        // A present image is used as it is unless the policy is Always.
        Assert.Equal(policy == "Always" ? 1 : 0, pulls);
    }

    [Fact]
    public async Task A_missing_image_under_Never_is_not_pulled()
    {
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            Runtime.EnsureImageAsync($"orchestrator/absent-{CaseId}:1", "Never", null, CancellationToken.None));

        Assert.Equal("ErrImageNeverPull", error.Reason);
    }
}
