using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>The event recorder on a real object store: repeats are aggregated into one Event, as the kubelet's correlator does.</summary>
public sealed class EventRecorderSpec : TestKit.TestKit
{
    private readonly IActorRef _store;
    private readonly IActorRef _recorder;

    public EventRecorderSpec()
        : base(MemoryStoreConfig)
    {
        _store = StartStore(Sys);
        _recorder = Sys.ActorOf(EventRecorder.Props(_store, new EventSource { Component = "orch-node-agent", Host = "node-a" }, Request), "events");
    }

    private TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    private static ObjectReference Container(string name) => new()
    {
        Kind = "Pod", ApiVersion = "v1", Namespace = "default", Name = "web", Uid = "uid-web", FieldPath = $"spec.containers{{{name}}}",
    };

    private async Task<List<Event>> Events()
    {
        var list = await _store.Ask<ObjectList>(new ListObjects("", "Event", "default"), Request);
        Assert.True(list.IsSuccess, list.Error?.ToString());
        return list.Items.OfType<Event>().ToList();
    }

    [Fact]
    public async Task A_repeated_event_increments_the_count_and_lastTimestamp_of_the_one_Event()
    {
        _recorder.Tell(new RecordEvent(Container("app"), "BackOff", "Back-off restarting failed container app", "Warning"));
        await AwaitAssertAsync(async () => Assert.Single(await Events()), Request);
        var first = (await Events())[0];

        _recorder.Tell(new RecordEvent(Container("app"), "BackOff", "Back-off restarting failed container app", "Warning"));
        _recorder.Tell(new RecordEvent(Container("app"), "BackOff", "Back-off restarting failed container app", "Warning"));

        await AwaitAssertAsync(async () => Assert.Equal(3, Assert.Single(await Events()).Count), Request);
        var aggregated = (await Events())[0];
        Assert.Equal(first.Metadata.Name, aggregated.Metadata.Name);
        Assert.Equal(first.FirstTimestamp, aggregated.FirstTimestamp);
        Assert.True(aggregated.LastTimestamp >= first.LastTimestamp);
        Assert.Equal("orch-node-agent", aggregated.Source!.Component);
        Assert.Equal("node-a", aggregated.Source.Host);
    }

    [Fact]
    public async Task Events_differing_in_message_reason_or_container_are_kept_apart()
    {
        _recorder.Tell(new RecordEvent(Container("app"), "Pulling", "Pulling image \"a\"", "Normal"));
        _recorder.Tell(new RecordEvent(Container("app"), "Pulling", "Pulling image \"b\"", "Normal"));
        _recorder.Tell(new RecordEvent(Container("app"), "Pulled", "Pulling image \"a\"", "Normal"));
        _recorder.Tell(new RecordEvent(Container("sidecar"), "Pulling", "Pulling image \"a\"", "Normal"));

        await AwaitAssertAsync(async () =>
        {
            var events = await Events();
            Assert.Equal(4, events.Count);
            Assert.All(events, e => Assert.Equal(1, e.Count));
        }, Request);
    }

    [Fact]
    public async Task A_repeat_of_an_event_deleted_meanwhile_creates_it_again_keeping_the_count()
    {
        _recorder.Tell(new RecordEvent(Container("app"), "Unhealthy", "Liveness probe failed", "Warning"));
        await AwaitAssertAsync(async () => Assert.Single(await Events()), Request);
        var first = (await Events())[0];
        Assert.True((await _store.Send(new DeleteObject(new ObjectKey("", "Event", "default", first.Metadata.Name!)), Request)).IsSuccess);

        _recorder.Tell(new RecordEvent(Container("app"), "Unhealthy", "Liveness probe failed", "Warning"));

        await AwaitAssertAsync(async () =>
        {
            var again = Assert.Single(await Events());
            Assert.NotEqual(first.Metadata.Name, again.Metadata.Name);
            Assert.Equal(2, again.Count);
        }, Request);
    }
}
