using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>
/// Per-test set-up and clean-up for engine tests: every container and image created through these helpers
/// is labelled, uniquely named and removed when the test ends, whether it passed or not.
/// </summary>
[Collection(DockerCollection.Name)]
public abstract class DockerTestBase : IAsyncLifetime
{
    private readonly List<string> _containers = [];
    private readonly List<string> _images = [];
    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromMinutes(3));

    protected DockerTestBase(DockerFixture fixture)
    {
        Fixture = fixture;
        CaseId = Guid.NewGuid().ToString("N")[..12];
    }

    protected DockerFixture Fixture { get; }

    protected DockerClient Docker => Fixture.Client;

    /// <summary>Unique per test; the value of <see cref="DockerFixture.CaseLabel"/> on its containers.</summary>
    protected string CaseId { get; }

    /// <summary>Bounds every call of a test, so a hung daemon fails the test instead of the whole run.</summary>
    protected CancellationToken Timeout => _testTimeout.Token;

    /// <summary>The labels every test object carries.</summary>
    protected IReadOnlyDictionary<string, string> TestLabels => new Dictionary<string, string>
    {
        [DockerFixture.TestLabel] = "1",
        [DockerFixture.OwnerLabel] = Fixture.OwnerPid,
        [DockerFixture.CaseLabel] = CaseId,
    };

    protected string UniqueName(string purpose) => $"orch-test-{purpose}-{CaseId}";

    /// <summary>A busybox container running a shell script.</summary>
    protected static ContainerCreateRequest Shell(string script, string image = DockerFixture.BusyboxImage) =>
        new() { Image = image, Cmd = ["sh", "-c", script] };

    /// <summary>A busybox container that idles until stopped, and stops at once on SIGTERM.</summary>
    protected static ContainerCreateRequest Idle() =>
        Shell("trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done");

    /// <summary>Creates a container with the test labels (added to any of the request's own) and a unique name.</summary>
    protected async Task<string> CreateContainerAsync(string purpose, ContainerCreateRequest request)
    {
        var labels = new Dictionary<string, string>(request.Labels ?? new Dictionary<string, string>());
        foreach (var (key, value) in TestLabels)
        {
            labels[key] = value;
        }

        var created = await Docker.Containers.CreateAsync(request with { Labels = labels }, UniqueName(purpose), Timeout);
        _containers.Add(created.Id);
        return created.Id;
    }

    /// <summary>Creates and starts a container.</summary>
    protected async Task<string> RunContainerAsync(string purpose, ContainerCreateRequest request)
    {
        var id = await CreateContainerAsync(purpose, request);
        await Docker.Containers.StartAsync(id, Timeout);
        return id;
    }

    /// <summary>Waits for a container to exit and returns its exit code.</summary>
    protected async Task<int> WaitForExitAsync(string id, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Eventually.DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        deadline.CancelAfter(limit);
        try
        {
            return await Docker.Containers.WaitAsync(id, cancellationToken: deadline.Token);
        }
        catch (OperationCanceledException ex) when (!Timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"container {id} did not exit within {limit.TotalSeconds:0}s", ex);
        }
    }

    /// <summary>Waits until a container's logs contain a marker, i.e. its script got that far.</summary>
    protected Task WaitForLogAsync(string id, string marker) =>
        Eventually.UntilAsync(
            async () => (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout.Contains(marker, StringComparison.Ordinal),
            $"container {id} logged '{marker}'");

    /// <summary>Registers an image name or id for removal when the test ends.</summary>
    protected void RemoveImageAfterTest(string nameOrId) => _images.Add(nameOrId);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Clean-up gets its own deadline: the test's may be what expired.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var id in _containers)
        {
            await DockerFixture.IgnoreNotFound(() => Docker.Containers.RemoveAsync(id, force: true, removeVolumes: true, cleanup.Token));
        }

        foreach (var image in _images)
        {
            await DockerFixture.IgnoreNotFound(() => Docker.Images.RemoveAsync(image, force: true, cancellationToken: cleanup.Token));
        }

        _testTimeout.Dispose();
    }
}
