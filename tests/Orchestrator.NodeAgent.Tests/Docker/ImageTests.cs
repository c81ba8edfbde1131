using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Images: real pulls from the loopback registry, load, tag, list and remove.</summary>
public sealed class ImageTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task Pulling_from_the_loopback_registry_fetches_the_image_and_records_its_digest()
    {
        var reference = $"{DockerFixture.Registry}/orchestrator/busybox:2";
        // Untag first so the daemon has to ask the registry what the tag is now.
        await DockerFixture.IgnoreNotFound(() => Docker.Images.RemoveAsync(reference, cancellationToken: Timeout));
        RemoveImageAfterTest(reference);
        var progress = new ProgressLog();

        var result = await Docker.Images.PullAsync(reference, progress: progress, cancellationToken: Timeout);

        Assert.StartsWith("sha256:", result.Digest);
        Assert.Contains(progress.Messages, message => message.Status == "Pulling from orchestrator/busybox");
        Assert.Contains("Downloaded newer image", result.Status, StringComparison.Ordinal);
        var image = await Docker.Images.InspectAsync(reference, Timeout);
        Assert.Contains($"{DockerFixture.Registry}/orchestrator/busybox@{result.Digest}", image.RepoDigests!);

        var id = await RunContainerAsync("pulled", Shell("cat /VERSION", reference));
        Assert.Equal(0, await WaitForExitAsync(id));
        Assert.Equal("2\n", (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout);
    }

    [Fact]
    public async Task Pulling_an_image_the_registry_lacks_fails_with_the_daemons_message()
    {
        var reference = $"{DockerFixture.Registry}/orchestrator/not-pushed-{CaseId}:1";

        var error = await Assert.ThrowsAnyAsync<DockerApiException>(
            () => Docker.Images.PullAsync(reference, cancellationToken: Timeout));

        Assert.Contains("manifest unknown", error.DaemonMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reference, error.Operation, StringComparison.Ordinal);
        Assert.Contains(error.DaemonMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulling_with_registry_credentials_sends_them_and_still_succeeds()
    {
        // The loopback registry has no auth, so it ignores the header; this checks the header is well-formed
        // enough for the daemon to accept it.
        var auth = new RegistryAuth { Username = "tester", Password = "secret", ServerAddress = DockerFixture.Registry };

        var result = await Docker.Images.PullAsync($"{DockerFixture.Registry}/orchestrator/busybox:1", auth, cancellationToken: Timeout);

        Assert.StartsWith("sha256:", result.Digest);
    }

    [Fact]
    public async Task Tagging_adds_a_name_and_removing_it_only_untags()
    {
        var repository = $"orchestrator-test/tagged-{CaseId}";
        RemoveImageAfterTest($"{repository}:v1");
        var original = await Docker.Images.InspectAsync(DockerFixture.BusyboxImage, Timeout);

        await Docker.Images.TagAsync(DockerFixture.BusyboxImage, repository, "v1", Timeout);

        Assert.Equal(original.Id, (await Docker.Images.InspectAsync($"{repository}:v1", Timeout)).Id);
        var removed = await Docker.Images.RemoveAsync($"{repository}:v1", cancellationToken: Timeout);
        Assert.Contains(removed, item => item.Untagged == $"{repository}:v1");
        Assert.DoesNotContain(removed, item => item.Deleted is not null);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Docker.Images.InspectAsync($"{repository}:v1", Timeout));
        Assert.Equal(original.Id, (await Docker.Images.InspectAsync(DockerFixture.BusyboxImage, Timeout)).Id);
    }

    [Fact]
    public async Task Loading_an_image_archive_makes_a_runnable_labelled_image()
    {
        var tag = $"orchestrator-test/loaded:{CaseId}";
        var marker = $"loaded-{CaseId}";
        RemoveImageAfterTest(tag);
        using var archive = ImageArchive.Build(tag, TestLabels, "marker.txt", marker);

        var result = await Docker.Images.LoadAsync(archive, cancellationToken: Timeout);

        Assert.Contains(tag, result.LoadedImages);
        var image = await Docker.Images.InspectAsync(tag, Timeout);
        Assert.Equal("1", image.Config!.Labels![DockerFixture.TestLabel]);
        var id = await RunContainerAsync("loaded", new ContainerCreateRequest { Image = tag });
        Assert.Equal(0, await WaitForExitAsync(id));
        Assert.Equal(marker, (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout);
    }

    [Fact]
    public async Task Loading_a_corrupt_archive_fails_with_the_daemons_message()
    {
        using var garbage = new MemoryStream("this is not a tar archive"u8.ToArray());

        var error = await Assert.ThrowsAnyAsync<DockerApiException>(() => Docker.Images.LoadAsync(garbage, cancellationToken: Timeout));

        Assert.False(string.IsNullOrWhiteSpace(error.DaemonMessage));
    }

    [Fact]
    public async Task Listing_by_reference_finds_both_versions_of_the_project_busybox()
    {
        var images = await Docker.Images.ListAsync(new DockerFilters().Add("reference", "orchestrator/busybox"), cancellationToken: Timeout);

        var tags = images.SelectMany(image => image.RepoTags ?? []).ToList();
        Assert.Contains(DockerFixture.BusyboxImage, tags);
        Assert.Contains(DockerFixture.BusyboxImageV2, tags);
        Assert.All(images, image => Assert.True(image.Size > 0));
    }

    [Fact]
    public async Task Inspecting_an_unknown_image_reports_not_found()
    {
        var error = await Assert.ThrowsAsync<DockerNotFoundException>(
            () => Docker.Images.InspectAsync($"orchestrator-test/absent-{CaseId}:1", Timeout));

        Assert.True(error.IsNotFound);
        Assert.Contains("No such image", error.DaemonMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pause_image_runs_the_sandbox_program()
    {
        var image = await Docker.Images.InspectAsync(DockerFixture.PauseImage, Timeout);

        Assert.Equal(["/pause"], image.Config!.Entrypoint!);
    }

    /// <summary>Records progress synchronously; <see cref="Progress{T}"/> would post to the thread pool and race the assertions.</summary>
    private sealed class ProgressLog : IProgress<ProgressMessage>
    {
        public List<ProgressMessage> Messages { get; } = [];

        public void Report(ProgressMessage value) => Messages.Add(value);
    }
}
