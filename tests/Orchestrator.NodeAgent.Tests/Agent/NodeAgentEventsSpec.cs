using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>Events and ConfigMap/Secret references of the node agent, on the recording runtime and a real object store.</summary>
public sealed class NodeAgentEventsSpec : TestKit.TestKit
{
    private const string Node = "node-events";
    private readonly RecordingContainerRuntime _runtime = new();
    private readonly IActorRef _store;

    public NodeAgentEventsSpec()
        : base(MemoryStoreConfig)
    {
        _store = StartStore(Sys);
    }

    private TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    private static TimeSpan Deadline => TimeSpan.FromSeconds(30);

    private IActorRef StartAgent() =>
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, _runtime, Settings(Node), new ListingRuntimeProbe(_runtime, "docker://27.0.0-test"),
            new PodWorkerSettings { BackOffBase = TimeSpan.FromMilliseconds(300), BackOffCap = TimeSpan.FromSeconds(1) }), "agent");

    private async Task<List<Event>> EventsOf(string uid)
    {
        var list = await _store.Ask<ObjectList>(new ListObjects("", "Event", "default"), Request);
        Assert.True(list.IsSuccess, list.Error?.ToString());
        return list.Items.OfType<Event>().Where(e => e.InvolvedObject.Uid == uid).ToList();
    }

    private async Task<List<Event>> AwaitEvents(string uid, params string[] reasons)
    {
        List<Event> events = [];
        await AwaitAssertAsync(async () =>
        {
            events = await EventsOf(uid);
            foreach (var reason in reasons)
            {
                Assert.Contains(events, e => e.Reason == reason);
            }
        }, Deadline, TimeSpan.FromMilliseconds(100));
        return events;
    }

    private async Task<Pod> AwaitPod(string name, Func<Pod, bool> predicate, string hint)
    {
        Pod? seen = null;
        await AwaitAssertAsync(async () =>
        {
            seen = await _store.Read<Pod>(PodKey(name), Request);
            Assert.True(seen is not null && predicate(seen), hint);
        }, Deadline, TimeSpan.FromMilliseconds(100));
        return seen!;
    }

    [Fact]
    public async Task A_started_pod_gets_Scheduled_Pulling_Created_Started_events_and_Killing_when_deleted()
    {
        StartAgent();
        var pod = await _store.Created(Pod("evented", Node, "orchestrator/busybox:1", "sleep", "3600"), Request);
        var uid = pod.Metadata.Uid!;

        var events = await AwaitEvents(uid, "Scheduled", "Pulling", "Pulled", "Created", "Started");
        var started = events.Single(e => e.Reason == "Started");
        Assert.Equal(("Pod", "evented", "default"), (started.InvolvedObject.Kind, started.InvolvedObject.Name, started.InvolvedObject.Namespace));
        Assert.Equal("spec.containers{main}", started.InvolvedObject.FieldPath);
        Assert.Equal(("orch-node-agent", Node), (started.Source!.Component, started.Source.Host));
        Assert.Equal(("Normal", 1), (started.Type, started.Count));
        Assert.NotNull(started.FirstTimestamp);
        Assert.NotNull(started.LastTimestamp);
        Assert.StartsWith("evented.", started.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("default", started.Metadata.Namespace);
        Assert.Null(events.Single(e => e.Reason == "Scheduled").InvolvedObject.FieldPath);

        await AwaitPod("evented", p => p.Status?.Phase == PodPhase.Running, "the pod runs");
        Assert.True((await _store.Send(new DeleteObject(PodKey("evented")), Request)).IsSuccess);
        var killing = (await AwaitEvents(uid, "Killing")).First(e => e.Reason == "Killing");
        Assert.Equal("spec.containers{main}", killing.InvolvedObject.FieldPath);
        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey("evented"), Request)), Deadline);
    }

    [Fact]
    public async Task A_crashing_container_gets_a_BackOff_warning()
    {
        StartAgent();
        var pod = await _store.Created(Pod("crasher", Node, "orchestrator/busybox:1", "false"), Request);
        await AwaitPod("crasher", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, "the container runs");
        Assert.True(_runtime.Exit("main", 1), "the container exits");
        // The first restart is at once; the second crash waits out a back-off.
        await AwaitPod("crasher", p => p.Status?.ContainerStatuses?.SingleOrDefault() is { RestartCount: 1, State.Running: not null }, "restarted at once");
        Assert.True(_runtime.Exit("main", 1), "the container exits again");

        var backOff = (await AwaitEvents(pod.Metadata.Uid!, "BackOff")).First(e => e.Reason == "BackOff");
        Assert.Equal("Warning", backOff.Type);
        Assert.Contains("Back-off restarting failed container main", backOff.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ConfigMap_keeps_the_pod_waiting_with_CreateContainerConfigError_until_it_is_created()
    {
        StartAgent();
        var spec = Pod("configured", Node, "orchestrator/busybox:1", "sleep", "3600");
        spec.Spec.Containers[0].Env = [new EnvVar { Name = "GREETING", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new() { Name = "settings", Key = "greeting" } } }];
        var pod = await _store.Created(spec, Request);

        var waiting = await AwaitPod("configured", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting is not null, "waiting");
        var state = waiting.Status!.ContainerStatuses![0].State!.Waiting!;
        Assert.Equal("CreateContainerConfigError", state.Reason);
        Assert.Contains("configmap \"settings\" not found", state.Message, StringComparison.Ordinal);
        Assert.Equal(PodPhase.Pending, waiting.Status.Phase);
        Assert.Empty(await _runtime.ListPodContainersAsync(pod.Metadata.Uid, CancellationToken.None));
        var failed = (await AwaitEvents(pod.Metadata.Uid!, "Failed")).First(e => e.Reason == "Failed");
        Assert.Equal("Warning", failed.Type);

        await _store.Created(new ConfigMap { Metadata = { Name = "settings", Namespace = "default" }, Data = new() { ["greeting"] = "hello" } }, Request);
        await AwaitPod("configured", p => p.Status?.Phase == PodPhase.Running, "the pod runs once the ConfigMap exists");
    }

    [Fact]
    public async Task A_pod_waiting_for_a_Secret_can_be_deleted()
    {
        StartAgent();
        var spec = Pod("orphan", Node, "orchestrator/busybox:1", "sleep", "3600");
        spec.Spec.Containers[0].EnvFrom = [new EnvFromSource { SecretRef = new() { Name = "absent" } }];
        await _store.Created(spec, Request);
        await AwaitPod("orphan", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CreateContainerConfigError", "waiting");

        Assert.True((await _store.Send(new DeleteObject(PodKey("orphan")), Request)).IsSuccess);
        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey("orphan"), Request)), Deadline);
    }
}
