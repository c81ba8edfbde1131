using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>
/// One client for every test that talks to the real engine, checked once: if the engine or the project's
/// images are missing, every test fails with the same clear message instead of timing out one by one.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    /// <summary>Carried by every container and image a test creates.</summary>
    public const string TestLabel = "orchestrator.test";

    /// <summary>PID of the test process that created an object, so a later run can tell leftovers from live work.</summary>
    public const string OwnerLabel = "orchestrator.test.owner-pid";

    /// <summary>Per-test label value, for filters that must match one test's containers only.</summary>
    public const string CaseLabel = "orchestrator.test.case";

    public const string BusyboxImage = "orchestrator/busybox:1";
    public const string BusyboxImageV2 = "orchestrator/busybox:2";
    public const string PauseImage = "orchestrator/pause:1";
    public const string Registry = "127.0.0.1:5000";

    private const string SetupHint = "run `sudo bash scripts/ensure-docker.sh` from the repository root first";

    public DockerClient Client { get; } = new(DockerClientOptions.FromEnvironment());

    public string OwnerPid { get; } = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Client.System.PingAsync(timeout.Token);
            await Client.GetApiVersionAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is DockerUnavailableException or OperationCanceledException or DockerApiVersionException)
        {
            throw new InvalidOperationException(
                $"The Docker engine is not usable at {Client.Endpoint}: {ex.Message}. " +
                $"These tests need a real engine; {SetupHint}.", ex);
        }

        foreach (var image in new[] { BusyboxImage, BusyboxImageV2, PauseImage })
        {
            try
            {
                await Client.Images.InspectAsync(image, timeout.Token);
            }
            catch (DockerNotFoundException ex)
            {
                throw new InvalidOperationException($"The project image {image} is missing; {SetupHint}.", ex);
            }
        }

        await RemoveLeftoversAsync(timeout.Token);
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes test objects whose creating process is gone (a crashed or killed earlier run), but not those
    /// of a test run that is still going.
    /// </summary>
    private async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var filter = DockerFilters.ForLabel(TestLabel, "1");
        foreach (var container in await Client.Containers.ListAsync(filter, all: true, cancellationToken))
        {
            if (IsLeftover(container.Labels))
            {
                await IgnoreNotFound(() => Client.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true, cancellationToken));
            }
        }

        foreach (var image in await Client.Images.ListAsync(filter, cancellationToken: cancellationToken))
        {
            if (IsLeftover(image.Labels))
            {
                await IgnoreNotFound(() => Client.Images.RemoveAsync(image.Id, force: true, cancellationToken: cancellationToken));
            }
        }
    }

    private static bool IsLeftover(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(OwnerLabel, out var owner) || !int.TryParse(owner, out var pid))
        {
            return true;
        }

        return pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");
    }

    internal static async Task IgnoreNotFound(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DockerNotFoundException)
        {
            // Already gone is the state cleanup wants.
        }
    }
}

/// <summary>
/// All engine tests share one fixture and run one after another: on a loaded two-core machine parallel
/// container starts only make timings flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine";
}
