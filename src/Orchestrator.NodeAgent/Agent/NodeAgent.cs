using Orchestrator.Actors.NodeApi;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Ties this node to the object store, as the kubelet does to the API server: registers the Node (capacity,
/// nodeInfo, Ready condition), renews the Lease <c>kube-node-lease/&lt;node&gt;</c>, keeps Ready in step with the
/// container runtime's health, and runs one <see cref="PodWorker"/> child per pod bound to the node, writing
/// their status back and confirming deletions once their containers are gone. Every store and runtime call is
/// a task piped back as a message; nothing blocks the dispatcher.
/// </summary>
public sealed partial class NodeAgent : ReceiveActor, IWithTimers
{
    private static readonly object TickKey = "tick";

    private readonly IActorRef _store;
    private readonly IContainerRuntime _runtime;
    private readonly IRuntimeProbe _probe;
    private readonly NodeAgentSettings _settings;
    private readonly PodWorkerSettings _workerSettings;
    private readonly HostFacts _facts = HostFacts.Read();
    private readonly CancellationTokenSource _lifetime = new();
    private RuntimeHealth? _health;
    private NodePressure _pressure = NodePressure.None;
    private NodeStatus? _nodeStatus;
    private bool _registering;
    private bool _registered;
    private bool _renewing;
    private bool _probing;
    private IActorRef _events = ActorRefs.Nobody;

    /// <summary>Creates the agent; use <see cref="Props"/>.</summary>
    public NodeAgent(IActorRef store, IContainerRuntime runtime, NodeAgentSettings settings, IRuntimeProbe? probe, PodWorkerSettings? workerSettings)
    {
        _store = store;
        _runtime = runtime;
        _settings = settings;
        _probe = probe ?? new ListingRuntimeProbe(runtime);
        _workerSettings = workerSettings ?? new PodWorkerSettings();

        Receive<Tick>(_ => HandleTick());
        Receive<RuntimeChecked>(HandleRuntimeChecked);
        Receive<NodeRegistered>(HandleNodeRegistered);
        Receive<LeaseRenewed>(_ => { _renewing = false; });
        Receive<Failed>(HandleFailed);
        Receive<ObjectReply>(HandleWriteReply);
        ReceivePods();
        ReceiveLogs();
        ReceiveExec();
        ReceiveMetrics();
        // Logs and exec requests come from the admin console, often in another process.
        NodeApiManifests.Register(Context.System);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private string NodeName => _settings.NodeName;

    /// <summary>
    /// Props of the agent of node <see cref="NodeAgentSettings.NodeName"/> on <paramref name="runtime"/>, talking to
    /// <paramref name="objectStore"/>. <paramref name="probe"/> reports the runtime's version and health (default: a
    /// listing of pod containers, version unknown); <paramref name="workerSettings"/> go to every pod worker.
    /// </summary>
    public static Props Props(IActorRef objectStore, IContainerRuntime runtime, NodeAgentSettings settings,
        IRuntimeProbe? probe = null, PodWorkerSettings? workerSettings = null) =>
        Orchestrator.Runtime.Props.Create(() => new NodeAgent(objectStore, runtime, settings, probe, workerSettings));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _events = Context.ActorOf(EventRecorder.Props(_store, new EventSource { Component = "orch-node-agent", Host = NodeName }, _settings.RequestTimeout), "events");
        Timers.StartPeriodicTimer(TickKey, Tick.Instance, _settings.LeaseRenewInterval);
        StartMetrics();
        ProbeRuntime();
        StartPodSync();
    }

    /// <summary>A failed pod worker is stopped, not restarted at once; the next tick starts a new one (see <c>HandleWorkerTerminated</c>).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <inheritdoc />
    protected override void PostStop()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void HandleTick()
    {
        if (!_registered)
        {
            if (_health is not null && !_registering)
            {
                Register();
            }
        }
        else if (!_renewing)
        {
            _renewing = true;
            StoreCalls.RenewLeaseAsync(_store, _settings, _settings.RequestTimeout)
                .PipeTo(Self, success: t => new LeaseRenewed(t), failure: ex => new Failed("renew the Lease", ex));
        }

        ProbeRuntime();
        ResumePodSyncIfStalled();
    }

    private void ProbeRuntime()
    {
        if (_probing)
        {
            return;
        }

        _probing = true;
        var probe = _probe;
        var timeout = _settings.RequestTimeout;
        var token = _lifetime.Token;
        Task.Run(async () =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
            cts.CancelAfter(timeout);
            try
            {
                return new RuntimeChecked(await probe.VersionAsync(cts.Token).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                return new RuntimeChecked(null, ex is OperationCanceledException ? $"no answer within {timeout}" : ex.Message);
            }
        }, CancellationToken.None).PipeTo(Self);
    }

    private void HandleRuntimeChecked(RuntimeChecked checkedRuntime)
    {
        _probing = false;
        var health = new RuntimeHealth(checkedRuntime.Version is not null,
            checkedRuntime.Version ?? _health?.Version ?? "docker://unknown", checkedRuntime.Error);
        var changed = _health is null || _health.Reachable != health.Reachable || _health.Version != health.Version;
        var pressure = NodePressure.Read(_settings);
        var pressureChanged = pressure.Memory != _pressure.Memory || pressure.Disk != _pressure.Disk;
        _pressure = pressure;
        if (changed && _health is not null)
        {
            NodeAgentLog.RuntimeHealthChanged(Log, NodeName, health.Reachable ? "reachable" : "unreachable: " + health.Error);
        }

        if (changed && health.Reachable && _health is { Reachable: false })
        {
            // Back after an outage: containers may have died with the engine; each worker checks its sandbox.
            foreach (var entry in _pods.Values)
            {
                entry.Worker.Tell(CheckSandbox.Instance, Self);
            }
        }

        _health = health;
        if (!_registered)
        {
            if (!_registering)
            {
                Register();
            }
        }
        else if (changed || pressureChanged)
        {
            _nodeStatus = NodeObjects.Status(_settings, _facts, health, _nodeStatus, DateTimeOffset.UtcNow, _pressure);
            _store.Tell(new UpdateObjectStatus(new Node { Metadata = { Name = NodeName }, Status = _nodeStatus }), Self);
        }
    }

    private void Register()
    {
        _registering = true;
        var node = NodeObjects.Node(_settings, _facts, _health!, DateTimeOffset.UtcNow, _pressure, Self.Path.ToString());
        StoreCalls.RegisterAsync(_store, node, _settings.RequestTimeout)
            .PipeTo(Self, success: n => new NodeRegistered(n), failure: ex => new Failed("register the Node", ex));
    }

    private void HandleNodeRegistered(NodeRegistered registered)
    {
        _registering = false;
        _registered = true;
        _nodeStatus = registered.Node.Status;
        NodeAgentLog.Registered(Log, NodeName, _health?.Reachable == true, _health?.Version ?? "");
        var stored = _nodeStatus?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (_health is not null && (stored?.Status == "True") != _health.Reachable)
        {
            // The runtime's health changed while the registration was in flight.
            _nodeStatus = NodeObjects.Status(_settings, _facts, _health, _nodeStatus, DateTimeOffset.UtcNow, _pressure);
            _store.Tell(new UpdateObjectStatus(new Node { Metadata = { Name = NodeName }, Status = _nodeStatus }), Self);
        }

        _renewing = true;
        StoreCalls.RenewLeaseAsync(_store, _settings, _settings.RequestTimeout)
            .PipeTo(Self, success: t => new LeaseRenewed(t), failure: ex => new Failed("renew the Lease", ex));
    }

    private void HandleFailed(Failed failed)
    {
        if (failed.Cause is OperationCanceledException && _lifetime.IsCancellationRequested)
        {
            return;
        }

        NodeAgentLog.Failed(Log, NodeName, failed.What, failed.Cause);
        switch (failed.What)
        {
            case "register the Node":
                _registering = false; // the next tick tries again
                break;
            case "renew the Lease":
                _renewing = false;
                break;
            default:
                HandlePodSyncFailed(failed);
                break;
        }
    }

    private void HandleWriteReply(ObjectReply reply)
    {
        if (reply.Error is { } error && error.Reason != StatusError.NotFoundReason)
        {
            NodeAgentLog.WriteRefused(Log, NodeName, error.Reason, error.Message);
        }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record RuntimeChecked(string? Version, string? Error);

    private sealed record NodeRegistered(Node Node);

    private sealed record LeaseRenewed(DateTimeOffset RenewTime);

    private sealed record Failed(string What, Exception Cause);

    private sealed record PodsListed(ObjectList List, bool Reap);

    private sealed record Reaped(ObjectList List, int Count);

    private sealed record PodContainersRemoved(string Uid, string Namespace, string Name, bool Confirm);

    private sealed record PodContainersNotRemoved(Pod Pod, bool Confirm, Exception Cause);
}
