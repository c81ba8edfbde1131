using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Simulation;

/// <summary>
/// An in-process stand-in for a node agent in scenario tests, speaking the agent's protocol with the store:
/// it registers its Node (capacity, Ready=True), renews its Lease <c>kube-node-lease/&lt;name&gt;</c> like the
/// agent's StoreCalls, watches the pods bound to it (an <see cref="Informer"/> on <c>spec.nodeName</c>),
/// reports them Running (and Ready, at once or on command) with a pod IP, and confirms their deletion with a
/// grace-0 delete. <see cref="StopHeartbeat"/> makes it a dead node: no lease, no status, no confirmations.
/// </summary>
public sealed class SimulatedNode : ReceiveActor, IWithTimers
{
    private const string LeaseNamespace = "kube-node-lease";

    private readonly IActorRef _store;
    private readonly SimulatedNodeOptions _options;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, bool> _reportedReady = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _readyOverride = new(StringComparer.Ordinal);
    private readonly HashSet<string> _confirming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ipByUid = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Model.IKubernetesObject> _pods = new Dictionary<string, Model.IKubernetesObject>();
    private bool _registered;
    private bool _alive = true;
    private bool _renewing;
    private bool _podsReady;
    private int _renewals;
    private int _nextIp;

    /// <summary>A node registering with <paramref name="store"/>.</summary>
    public SimulatedNode(IActorRef store, SimulatedNodeOptions options, TimeSpan requestTimeout)
    {
        _store = store;
        _options = options;
        _timeout = requestTimeout;
        _podsReady = options.PodsReady;
        Receive<Registered>(_ => HandleRegistered());
        Receive<LeaseRenewed>(_ =>
        {
            _renewing = false;
            _renewals++;
        });
        Receive<WriteFailed>(HandleWriteFailed);
        Receive<RegisterAgain>(_ => PreStart());
        Receive<Tick>(_ => HandleTick());
        Receive<InformerNotification>(HandleNotification);
        Receive<StatusWritten>(HandleStatusWritten);
        Receive<StopHeartbeat>(_ => _alive = false);
        Receive<ResumeHeartbeat>(_ =>
        {
            _alive = true;
            HandleTick();
            ActOnPods();
        });
        Receive<SetPodsReady>(m => _podsReady = m.Ready);
        Receive<SetPodReady>(HandleSetPodReady);
        Receive<GetNodeState>(_ => Sender.Tell(new NodeState(_registered, _renewals, _alive, _pods.Count, _renewing), Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a simulated node.</summary>
    public static Props Props(IActorRef store, SimulatedNodeOptions options, TimeSpan requestTimeout) =>
        Runtime.Props.Create(() => new SimulatedNode(store, options, requestTimeout));

    private sealed record Registered;

    private sealed record LeaseRenewed;

    private sealed record WriteFailed(string What, string Error, string? Uid = null);

    private sealed record StatusWritten(string Uid, bool Ready, string? Error);

    private sealed record Tick;

    private sealed record RegisterAgain;

    /// <inheritdoc />
    protected override void PreStart() =>
        RegisterAsync().PipeTo(Self, success: () => new Registered(), failure: e => new WriteFailed("register", e.Message));

    private void HandleRegistered()
    {
        _registered = true;
        HandleTick();
        Timers.StartPeriodicTimer("tick", new Tick(), _options.RenewInterval ?? TimeSpan.FromSeconds(1));
        var informer = Context.ActorOf(Informer.Props(_store, new InformerSpec("", "Pod", FieldSelector: "spec.nodeName=" + _options.Name), InformerOptions.Default), "pods");
        informer.Tell(new SubscribeInformer(), Self);
    }

    private void HandleWriteFailed(WriteFailed failed)
    {
        if (failed.What == "register")
        {
            // Retried: the store may still be starting.
            Timers.StartSingleTimer("register", new RegisterAgain(), TimeSpan.FromMilliseconds(200));
            return;
        }

        if (failed.What == "renew")
        {
            _renewing = false;
        }
    }

    private void HandleTick()
    {
        if (!_alive || _renewing || !_registered)
        {
            return;
        }

        _renewing = true;
        RenewLeaseAsync().PipeTo(Self, success: () => new LeaseRenewed(), failure: e => new WriteFailed("renew", e.Message));
    }

    private void HandleNotification(InformerNotification notification)
    {
        _pods = notification.Cache;
        if (notification is ObjectDeleted deleted && deleted.LastState.Metadata.Uid is { } gone)
        {
            _reportedReady.Remove(gone);
            _confirming.Remove(gone);
            _ipByUid.Remove(gone);
        }

        ActOnPods();
    }

    private void HandleSetPodReady(SetPodReady command)
    {
        _readyOverride[CacheKeys.Of(command.Namespace, command.Name)] = command.Ready;
        ActOnPods();
    }

    private void HandleStatusWritten(StatusWritten written)
    {
        if (written.Error is not null)
        {
            _reportedReady.Remove(written.Uid); // the next notification or resync tries again
        }
    }

    /// <summary>Level-triggered: brings every pod bound here to the state this node reports.</summary>
    private void ActOnPods()
    {
        if (!_alive)
        {
            return;
        }

        foreach (var (key, obj) in _pods)
        {
            if (obj is not Pod pod || pod.Metadata.Uid is not { } uid)
            {
                continue;
            }

            if (pod.Metadata.DeletionTimestamp is not null)
            {
                if (_confirming.Add(uid))
                {
                    _store.Tell(new DeleteObject(new ObjectKey("", "Pod", pod.Metadata.Namespace, pod.Metadata.Name!), new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: uid)), ActorRefs.NoSender);
                }

                continue;
            }

            var ready = _readyOverride.TryGetValue(key, out var forced) ? forced : _podsReady;
            if (_reportedReady.TryGetValue(uid, out var reported) && reported == ready)
            {
                continue;
            }

            _reportedReady[uid] = ready;
            var status = PodStatusFor(pod, uid, ready);
            var write = new Pod { Metadata = { Name = pod.Metadata.Name, Namespace = pod.Metadata.Namespace, Uid = uid }, Status = status };
            _store.Ask<ObjectReply>(new UpdateObjectStatus(write), _timeout)
                .PipeTo(Self, success: r => new StatusWritten(uid, ready, r.Error?.Message), failure: e => new StatusWritten(uid, ready, e.Message));
        }
    }

    private PodStatus PodStatusFor(Pod pod, string uid, bool ready)
    {
        if (!_ipByUid.TryGetValue(uid, out var ip))
        {
            var n = _nextIp++;
            ip = _ipByUid[uid] = $"10.{_options.Index}.{n / 250}.{(n % 250) + 1}";
        }

        var now = DateTimeOffset.UtcNow;
        var readyText = ready ? "True" : "False";
        return new PodStatus
        {
            Phase = PodPhase.Running,
            HostIP = "127.0.0.1",
            PodIP = ip,
            PodIPs = [new PodIp { Ip = ip }],
            StartTime = pod.Status?.StartTime ?? now,
            Conditions =
            [
                new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now },
                new PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
                new PodCondition { Type = "ContainersReady", Status = readyText, LastTransitionTime = now },
                new PodCondition { Type = "Ready", Status = readyText, LastTransitionTime = now },
            ],
            ContainerStatuses = pod.Spec.Containers.Select(c => new ContainerStatus
            {
                Name = c.Name,
                Image = c.Image ?? "",
                Ready = ready,
                Started = true,
                State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
            }).ToList(),
        };
    }

    private async Task RegisterAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var node = new Node
        {
            Metadata = { Name = _options.Name, Labels = new() { ["kubernetes.io/hostname"] = _options.Name } },
            Status = new NodeStatus
            {
                Capacity = Resources(),
                Allocatable = Resources(),
                Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
                Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = now, LastTransitionTime = now }],
            },
        };
        var created = await _store.Ask<ObjectReply>(new CreateObject(node), _timeout).ConfigureAwait(false);
        if (!created.IsSuccess && created.Error!.Reason != StatusError.AlreadyExistsReason)
        {
            throw new InvalidOperationException($"could not create Node {_options.Name}: {created.Error}");
        }

        // Status is not written by a create: post it through the status subresource, as the agent does.
        var status = await _store.Ask<ObjectReply>(new UpdateObjectStatus(new Node { Metadata = { Name = _options.Name }, Status = node.Status }), _timeout).ConfigureAwait(false);
        if (!status.IsSuccess)
        {
            throw new InvalidOperationException($"could not post Node {_options.Name}'s status: {status.Error}");
        }
    }

    private Dictionary<string, Quantity> Resources() => new(StringComparer.Ordinal)
    {
        ["cpu"] = Quantity.FromValue(_options.Cpu),
        ["memory"] = Quantity.Parse(_options.Memory),
        ["pods"] = Quantity.FromValue(_options.MaxPods),
    };

    private async Task RenewLeaseAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var key = new ObjectKey("coordination.k8s.io", "Lease", LeaseNamespace, _options.Name);
        var got = await _store.Ask<ObjectReply>(new GetObject(key), _timeout).ConfigureAwait(false);
        if (got.IsSuccess)
        {
            var lease = (Lease)got.Object!;
            lease.Spec.RenewTime = now;
            var updated = await _store.Ask<ObjectReply>(new UpdateObject(lease), _timeout).ConfigureAwait(false);
            if (!updated.IsSuccess)
            {
                throw new InvalidOperationException($"could not renew Lease {_options.Name}: {updated.Error}");
            }

            return;
        }

        var fresh = new Lease
        {
            Metadata = { Name = _options.Name, Namespace = LeaseNamespace },
            Spec = new LeaseSpec { HolderIdentity = _options.Name, LeaseDurationSeconds = _options.LeaseDurationSeconds, AcquireTime = now, RenewTime = now },
        };
        var created = await _store.Ask<ObjectReply>(new CreateObject(fresh), _timeout).ConfigureAwait(false);
        if (created.Error?.Reason == StatusError.NotFoundReason)
        {
            await _store.Ask<ObjectReply>(new CreateObject(new Namespace { Metadata = { Name = LeaseNamespace } }), _timeout).ConfigureAwait(false);
            created = await _store.Ask<ObjectReply>(new CreateObject(fresh), _timeout).ConfigureAwait(false);
        }

        if (!created.IsSuccess && created.Error!.Reason != StatusError.AlreadyExistsReason)
        {
            throw new InvalidOperationException($"could not create Lease {_options.Name}: {created.Error}");
        }
    }
}
