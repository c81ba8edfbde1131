using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>The daemon's event stream.</summary>
public sealed class EventsTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task The_event_stream_reports_a_containers_start_and_die_with_its_exit_code()
    {
        var filters = new DockerFilters().Add("type", "container").Label(DockerFixture.CaseLabel, CaseId);
        await using var subscription = await Docker.Events.SubscribeAsync(filters, cancellationToken: Timeout);

        var id = await RunContainerAsync("evented", Shell("exit 4"));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        deadline.CancelAfter(Eventually.DefaultTimeout);
        var seen = new List<DockerEvent>();
        await foreach (var message in subscription.ReadAllAsync(deadline.Token))
        {
            seen.Add(message);
            if (message.Action == "die")
            {
                break;
            }
        }

        Assert.All(seen, message => Assert.Equal(id, message.Actor!.Id));
        Assert.Equal(["create", "start", "die"], seen.Select(message => message.Action).Where(a => a is "create" or "start" or "die"));
        var die = seen[^1];
        Assert.Equal("4", die.Actor!.Attributes!["exitCode"]);
        Assert.Equal(UniqueName("evented"), die.Actor.Attributes["name"]);
        Assert.Equal("container", die.Type);
        Assert.True(die.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task The_event_stream_ends_promptly_when_its_reader_cancels()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        stop.CancelAfter(TimeSpan.FromMilliseconds(300));
        var quiet = DockerFilters.ForLabel(DockerFixture.CaseLabel, $"nobody-{CaseId}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var message in Docker.Events.StreamAsync(quiet, cancellationToken: stop.Token))
            {
                Assert.Fail($"no event should match, got {message}");
            }
        });
    }

    [Fact]
    public async Task Past_events_are_replayed_between_since_and_until()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var id = await RunContainerAsync("replayed", Shell("true"));
        await WaitForExitAsync(id);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var replayed = await Docker.Events
            .StreamAsync(DockerFilters.ForLabel(DockerFixture.CaseLabel, CaseId), before, after, Timeout)
            .ToListAsync(Timeout);

        Assert.Contains(replayed, message => message.Action == "start" && message.Actor?.Id == id);
        Assert.Contains(replayed, message => message.Action == "die" && message.Actor?.Id == id);
    }
}
