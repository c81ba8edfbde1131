using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>The node agent against a real object store (memory journal) and the recording runtime.</summary>
public sealed class NodeAgentSpec : TestKit.TestKit
{
    private const string Node = "node-a";
    private readonly RecordingContainerRuntime _runtime = new();
    private readonly IActorRef _store;

    public NodeAgentSpec()
        : base(MemoryStoreConfig)
    {
        _store = StartStore(Sys);
    }

    private TimeSpan Request => Dilated(TimeSpan.FromSeconds(10));

    private static TimeSpan Deadline => TimeSpan.FromSeconds(20);

    private IActorRef StartAgent(IRuntimeProbe? probe = null) =>
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, _runtime, Settings(Node), probe ?? new ListingRuntimeProbe(_runtime, "docker://27.0.0-test")), "agent");

    private async Task<Pod> AwaitPod(string name, Func<Pod, bool> predicate, string hint)
    {
        Pod? seen = null;
        await AwaitAssertAsync(async () =>
        {
            seen = await _store.Read<Pod>(PodKey(name), Request);
            Assert.True(seen is not null && predicate(seen), hint);
        }, Deadline, TimeSpan.FromMilliseconds(50));
        return seen!;
    }

    [Fact]
    public async Task MemoryPressure_and_DiskPressure_follow_their_thresholds()
    {
        var settings = Settings(Node) with { MemoryPressureThreshold = Quantity.Parse("1Pi"), DiskPressureFreePercent = 100, DiskPressurePath = "/" };
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, _runtime, settings, new ListingRuntimeProbe(_runtime, "docker://27.0.0-test")), "agent");

        Node? node = null;
        await AwaitAssertAsync(async () =>
        {
            node = await _store.Read<Node>(new ObjectKey("", "Node", null, Node), Request);
            Assert.Equal("True", node?.Status?.Conditions?.SingleOrDefault(c => c.Type == "MemoryPressure")?.Status);
        }, Deadline);

        var conditions = node!.Status!.Conditions!;
        var memory = conditions.Single(c => c.Type == "MemoryPressure");
        Assert.Equal("KubeletHasInsufficientMemory", memory.Reason);
        Assert.Contains("threshold 1073741824Mi", memory.Message, StringComparison.Ordinal);
        var disk = conditions.Single(c => c.Type == "DiskPressure");
        Assert.Equal(("True", "KubeletHasDiskPressure"), (disk.Status, disk.Reason));
        Assert.Contains("free on /", disk.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "KubeletHasSufficientPID"), conditions.Single(c => c.Type == "PIDPressure") is var pid ? (pid.Status, pid.Reason) : default);
        Assert.Equal("True", conditions.Single(c => c.Type == "Ready").Status);
    }

    [Fact]
    public async Task The_Node_appears_with_capacity_allocatable_labels_taints_and_Ready()
    {
        StartAgent();

        Node? node = null;
        await AwaitAssertAsync(async () =>
        {
            node = await _store.Read<Node>(new ObjectKey("", "Node", null, Node), Request);
            Assert.NotNull(node?.Status?.Conditions);
        }, Deadline);

        var status = node!.Status!;
        Assert.Equal(Quantity.FromValue(Environment.ProcessorCount), status.Capacity!["cpu"]);
        Assert.Equal(Quantity.FromMilliValue((Environment.ProcessorCount * 1000) - 100), status.Allocatable!["cpu"]);
        Assert.True(status.Capacity["memory"] > Quantity.Zero);
        Assert.Equal(status.Capacity["memory"] - Quantity.Parse("64Mi"), status.Allocatable["memory"]);
        Assert.Equal(Quantity.FromValue(17), status.Capacity["pods"]);
        Assert.Equal(Quantity.FromValue(17), status.Allocatable["pods"]);
        var ready = Assert.Single(status.Conditions!, c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady"), (ready.Status, ready.Reason));
        Assert.Equal(("False", "KubeletHasSufficientMemory"), status.Conditions!.Single(c => c.Type == "MemoryPressure") is var m ? (m.Status, m.Reason) : default);
        Assert.Equal(("False", "KubeletHasNoDiskPressure"), status.Conditions!.Single(c => c.Type == "DiskPressure") is var d ? (d.Status, d.Reason) : default);
        Assert.Contains(status.Addresses!, a => a is { Type: "InternalIP", Address: "127.0.0.1" });
        Assert.Contains(status.Addresses!, a => a.Type == "Hostname");
        Assert.Equal("docker://27.0.0-test", status.NodeInfo!.ContainerRuntimeVersion);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), status.NodeInfo.KernelVersion);
        Assert.Equal("linux", status.NodeInfo.OperatingSystem);
        Assert.Equal("a", node.Metadata.Labels!["topology.example/zone"]);
        Assert.Equal(Node, node.Metadata.Labels["kubernetes.io/hostname"]);
        var taint = Assert.Single(node.Spec.Taints!);
        Assert.Equal(("dedicated", "tests", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
    }

    [Fact]
    public async Task An_existing_Node_is_updated_rather_than_recreated()
    {
        var old = await _store.Created(new Node { Metadata = { Name = Node, Labels = new() { ["keep"] = "me" } } }, Request);
        StartAgent();

        await AwaitAssertAsync(async () =>
        {
            var node = await _store.Read<Node>(new ObjectKey("", "Node", null, Node), Request);
            Assert.Equal("True", node?.Status?.Conditions?.Single(c => c.Type == "Ready").Status);
            Assert.Equal(old.Metadata.Uid, node!.Metadata.Uid);
            Assert.Equal("me", node.Metadata.Labels!["keep"]);
            Assert.Equal("a", node.Metadata.Labels["topology.example/zone"]);
        }, Deadline);
    }

    [Fact]
    public async Task The_Lease_is_created_in_kube_node_lease_and_renewed()
    {
        StartAgent();
        var key = new ObjectKey("coordination.k8s.io", "Lease", NodeObjects.LeaseNamespace, Node);

        Lease? first = null;
        await AwaitAssertAsync(async () =>
        {
            first = await _store.Read<Lease>(key, Request);
            Assert.NotNull(first?.Spec.RenewTime);
        }, Deadline);
        Assert.Equal(Node, first!.Spec.HolderIdentity);
        Assert.Equal(2, first.Spec.LeaseDurationSeconds);

        await AwaitAssertAsync(async () =>
        {
            var later = await _store.Read<Lease>(key, Request);
            Assert.True(later!.Spec.RenewTime > first.Spec.RenewTime, "renewTime advances");
        }, Deadline);
        // The agent handles its own renewal replies; none may end up as unhandled messages.
        Assert.DoesNotContain(UnhandledMessages, u => u.Message.GetType().Name == "LeaseRenewed");
    }

    [Fact]
    public async Task Ready_follows_the_runtime_health()
    {
        var probe = new SwitchableProbe();
        StartAgent(probe);
        var key = new ObjectKey("", "Node", null, Node);

        await AwaitReady(key, "True", "KubeletReady");
        probe.Down = true;
        var down = await AwaitReady(key, "False", NodeObjects.DockerUnreachableReason);
        Assert.Contains("Docker is unreachable", down.Message, StringComparison.Ordinal);
        probe.Down = false;
        await AwaitReady(key, "True", "KubeletReady");
    }

    [Fact]
    public async Task A_pod_bound_here_runs_reports_its_status_and_is_removed_after_deletion()
    {
        StartAgent();
        var created = await _store.Created(Pod("web", Node, "orchestrator/busybox:1", "sleep", "3600"), Request);

        var running = await AwaitPod("web", p => p.Status?.Phase == PodPhase.Running, "the pod runs");
        Assert.Equal("127.0.0.1", running.Status!.HostIP);
        Assert.NotNull(running.Status.ContainerStatuses?.Single().ContainerID);
        Assert.NotEmpty(await _runtime.ListPodContainersAsync(created.Metadata.Uid, CancellationToken.None));

        var deleted = await _store.Send(new DeleteObject(PodKey("web")), Request);
        Assert.True(deleted.IsSuccess && !deleted.Removed, "graceful: the node agent confirms");

        await AwaitAssertAsync(async () => Assert.Null(await _store.Read<Pod>(PodKey("web"), Request)), Deadline);
        Assert.Empty(await _runtime.ListPodContainersAsync(created.Metadata.Uid, CancellationToken.None));
    }

    [Fact]
    public async Task A_pod_bound_to_another_node_is_ignored()
    {
        StartAgent();
        var other = await _store.Created(Pod("elsewhere", "node-b", "orchestrator/busybox:1", "sleep", "3600"), Request);
        await _store.Created(Pod("here", Node, "orchestrator/busybox:1", "sleep", "3600"), Request);

        // Once the pod created later is running, the earlier one has certainly been seen (or not) too.
        await AwaitPod("here", p => p.Status?.Phase == PodPhase.Running, "the local pod runs");

        Assert.Empty(await _runtime.ListPodContainersAsync(other.Metadata.Uid, CancellationToken.None));
        var stored = await _store.Read<Pod>(PodKey("elsewhere"), Request);
        Assert.Equal(PodPhase.Pending, stored!.Status!.Phase);
        Assert.Null(stored.Status.HostIP);
    }

    [Fact]
    public async Task On_start_containers_of_unknown_pods_are_reaped_and_a_bound_pods_containers_are_adopted()
    {
        var pod = await _store.Created(Pod("kept", Node, "orchestrator/busybox:1", "sleep", "3600"), Request);
        var keptSandbox = await _runtime.CreateSandboxAsync(new PodIdentity(pod.Metadata.Uid!, "default", "kept"), CancellationToken.None);
        var stale = await _runtime.CreateSandboxAsync(new PodIdentity("stale-uid", "default", "gone"), CancellationToken.None);

        StartAgent();

        await AwaitPod("kept", p => p.Status?.Phase == PodPhase.Running, "the bound pod runs");
        Assert.DoesNotContain(stale.Id, _runtime.ContainerIds);
        Assert.Contains(keptSandbox.Id, _runtime.ContainerIds);
        Assert.Single(_runtime.Calls, c => c == "CreateSandbox default/kept");
    }

    [Fact]
    public async Task A_worker_that_fails_is_started_again_on_a_later_tick()
    {
        var failing = new FailingRuntime(_runtime) { Broken = true };
        Sys.ActorOf(NodeAgent.Agent.NodeAgent.Props(_store, failing, Settings(Node), new ListingRuntimeProbe(_runtime)), "agent");
        await _store.Created(Pod("retried", Node, "orchestrator/busybox:1", "sleep", "3600"), Request);

        AwaitCondition(() => failing.Failures >= 2, Dilated(Deadline), "the worker failed, and a new one failed again");
        failing.Broken = false;

        await AwaitPod("retried", p => p.Status?.Phase == PodPhase.Running, "the pod runs once the runtime answers");
    }

    private async Task<NodeCondition> AwaitReady(ObjectKey key, string status, string reason)
    {
        NodeCondition? ready = null;
        await AwaitAssertAsync(async () =>
        {
            var node = await _store.Read<Node>(key, Request);
            ready = node?.Status?.Conditions?.SingleOrDefault(c => c.Type == "Ready");
            Assert.Equal((status, reason), (ready?.Status, ready?.Reason));
        }, Deadline, TimeSpan.FromMilliseconds(50));
        return ready!;
    }

    /// <summary>A probe the test turns off and on.</summary>
    private sealed class SwitchableProbe : IRuntimeProbe
    {
        private volatile bool _down;

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public Task<string> VersionAsync(CancellationToken cancellationToken) =>
            _down ? Task.FromException<string>(new IOException("connection refused")) : Task.FromResult("docker://27.0.0-test");
    }
}
