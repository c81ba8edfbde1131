using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>The pod half of the agent: list and watch the pods bound here, one worker per pod uid.</summary>
public sealed partial class NodeAgent
{
    private const string ListPods = "list the pods bound here";
    private const string RemovePodContainers = "remove the containers of a deleted pod";

    private readonly Dictionary<string, PodEntry> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _uidByWorker = [];
    private readonly HashSet<string> _cleaning = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Pod Pod, bool Confirm)> _failedCleanups = new(StringComparer.Ordinal);
    private string? _watchId;
    private bool _syncing;
    private bool _syncStalled;
    private bool _reapPending = true;

    private string PodSelector => "spec.nodeName=" + NodeName;

    private void ReceivePods()
    {
        Receive<PodsListed>(HandlePodsListed);
        Receive<Reaped>(HandleReaped);
        Receive<WatchStarted>(HandleWatchStarted);
        Receive<WatchEvent>(HandleWatchEvent);
        Receive<PodStatusChanged>(HandlePodStatusChanged);
        Receive<PodStopped>(HandlePodStopped);
        Receive<PodContainersRemoved>(HandlePodContainersRemoved);
        Receive<PodContainersNotRemoved>(HandlePodContainersNotRemoved);
        Receive<Terminated>(HandleWorkerTerminated);
        ReceiveDependencies();
    }

    /// <summary>Lists the pods bound here; the first sync that succeeds first removes containers of pods that are not (the reaper).</summary>
    private void StartPodSync()
    {
        _syncing = true;
        _syncStalled = false;
        var reap = _reapPending;
        _store.Ask<ObjectList>(new ListObjects("", "Pod", FieldSelector: PodSelector), _settings.RequestTimeout)
            .PipeTo(Self, success: list => new PodsListed(list, reap), failure: ex => new Failed(ListPods, ex));
    }

    /// <summary>On every tick: lists again after a failed sync, retries failed container removals.</summary>
    private void ResumePodSyncIfStalled()
    {
        if (_syncStalled && !_syncing)
        {
            StartPodSync();
        }

        RetryPendingPods();
        foreach (var (uid, (pod, confirm)) in _failedCleanups.ToList())
        {
            _failedCleanups.Remove(uid);
            RemoveContainersOf(pod, confirm);
        }
    }

    private void HandlePodSyncFailed(Failed failed)
    {
        if (failed.What == ListPods)
        {
            _syncing = false;
            _syncStalled = true; // the next tick lists again
        }
    }

    private void HandlePodsListed(PodsListed listed)
    {
        if (!listed.List.IsSuccess)
        {
            HandleFailed(new Failed(ListPods, new InvalidOperationException(listed.List.Error!.Message)));
            return;
        }

        if (!listed.Reap)
        {
            Reconcile(listed.List);
            return;
        }

        // Containers of pods the store no longer binds here were left by an earlier agent: remove them before
        // the workers of the live pods adopt theirs.
        _reapPending = false;
        var live = listed.List.Items.OfType<Pod>()
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Metadata.Uid is not null)
            .Select(p => p.Metadata.Uid!)
            .ToHashSet(StringComparer.Ordinal);
        var list = listed.List;
        ContainerReaper.ReapAsync(_runtime, live, _lifetime.Token)
            .PipeTo(Self, success: removed => new Reaped(list, removed.Count), failure: _ => new Reaped(list, -1));
    }

    private void HandleReaped(Reaped reaped)
    {
        if (reaped.Count > 0)
        {
            NodeAgentLog.Reaped(Log, NodeName, reaped.Count);
        }

        Reconcile(reaped.List);
    }

    private void Reconcile(ObjectList list)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in list.Items.OfType<Pod>())
        {
            listed.Add(pod.Metadata.Uid ?? "");
            HandlePod(pod);
        }

        foreach (var uid in _pending.Keys.Where(k => !listed.Contains(k)).ToList())
        {
            ForgetPending(uid);
        }

        foreach (var (uid, entry) in _pods.Where(p => !listed.Contains(p.Key)).ToList())
        {
            entry.Gone = true;
            Stop(uid, entry, null);
        }

        if (_watchId is not null)
        {
            _store.Tell(new CancelWatch("", "Pod", _watchId), Self);
        }

        _watchId = null;
        _store.Tell(new WatchObjects("", "Pod", FieldSelector: PodSelector, ResourceVersion: list.ResourceVersion), Self);
    }

    private void HandleWatchStarted(WatchStarted started)
    {
        _watchId = started.WatchId;
        _syncing = false;
    }

    private void HandleWatchEvent(WatchEvent e)
    {
        if (e.Type == WatchEventType.Error)
        {
            if (_watchId is null || e.WatchId == _watchId || e.WatchId.Length == 0)
            {
                NodeAgentLog.Relisting(Log, NodeName, e.Error?.Reason ?? "error");
                _watchId = null;
                StartPodSync();
            }

            return;
        }

        if (e.WatchId != _watchId || e.Object is not Pod pod)
        {
            return;
        }

        if (e.Type == WatchEventType.Deleted)
        {
            HandlePodGone(pod);
        }
        else if (e.Type is WatchEventType.Added or WatchEventType.Modified)
        {
            HandlePod(pod);
        }
    }

    private void HandlePod(Pod pod)
    {
        if (pod.Metadata.Uid is not { } uid || pod.Spec.NodeName != NodeName)
        {
            return;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            ForgetPending(uid);
            if (_pods.TryGetValue(uid, out var entry))
            {
                Stop(uid, entry, pod.Metadata.DeletionGracePeriodSeconds);
            }
            else
            {
                RemoveContainersOf(pod, confirm: true);
            }

            return;
        }

        if (_pods.TryGetValue(uid, out var known))
        {
            known.Labels = pod.Metadata.Labels;
            return;
        }

        // A pod that already ended is not run again (its containers stay until the pod is deleted).
        if (pod.Status?.Phase is PodPhase.Succeeded or PodPhase.Failed)
        {
            return;
        }

        StartOrFetch(pod);
    }

    private void StartWorker(Pod pod, PodDependencies dependencies)
    {
        var uid = pod.Metadata.Uid!;
        var key = $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
        NodeAgentLog.StartingPod(Log, NodeName, key, uid);
        if (pod.Status?.ContainerStatuses is not { Count: > 0 })
        {
            WriteEvent(pod, "Scheduled", $"Successfully assigned {key} to {NodeName}", "Normal", null);
        }

        var copy = ObjectCodec.Copy(pod);
        // The downward API's status.hostIP is this node's address even before the first status is written.
        copy.Status ??= new PodStatus();
        copy.Status.HostIP ??= NodeObjects.InternalIp;
        var worker = Context.ActorOf(PodWorker.Props(copy, _runtime, Self, _workerSettings, dependencies), "pod-" + uid);
        Context.Watch(worker);
        var containers = (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).Select(c => c.Name).ToList();
        _pods[uid] = new PodEntry(worker, pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "", containers) { Labels = pod.Metadata.Labels };
        _uidByWorker[worker] = uid;
    }

    private void HandlePodGone(Pod pod)
    {
        if (pod.Metadata.Uid is not { } uid)
        {
            return;
        }

        ForgetPending(uid);
        if (_pods.TryGetValue(uid, out var entry))
        {
            entry.Gone = true;
            Stop(uid, entry, null);
        }
        else
        {
            RemoveContainersOf(pod, confirm: false);
        }
    }

    private void Stop(string uid, PodEntry entry, long? gracePeriodSeconds)
    {
        if (entry.Stopping)
        {
            return;
        }

        entry.Stopping = true;
        NodeAgentLog.StoppingPod(Log, NodeName, entry.Key, uid);
        entry.Worker.Tell(new StopPod(gracePeriodSeconds), Self);
    }

    private void RemoveContainersOf(Pod pod, bool confirm)
    {
        var uid = pod.Metadata.Uid!;
        if (!_cleaning.Add(uid))
        {
            return;
        }

        var runtime = _runtime;
        var token = _lifetime.Token;
        var removed = new PodContainersRemoved(uid, pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "", confirm);
        var snapshot = ObjectCodec.Copy(pod);
        Task.Run(async () =>
        {
            var containers = await runtime.ListPodContainersAsync(uid, token).ConfigureAwait(false);
            foreach (var container in containers.OrderBy(c => c.Kind == PodLabels.SandboxKind))
            {
                await runtime.RemoveContainerAsync(container.Id, token).ConfigureAwait(false);
            }
        }, CancellationToken.None).PipeTo(Self, success: () => removed, failure: ex => new PodContainersNotRemoved(snapshot, confirm, ex));
    }

    private void HandlePodContainersRemoved(PodContainersRemoved removed)
    {
        _cleaning.Remove(removed.Uid);
        if (removed.Confirm)
        {
            ConfirmDeletion(removed.Uid, removed.Namespace, removed.Name);
        }
    }

    private void HandlePodContainersNotRemoved(PodContainersNotRemoved failed)
    {
        var uid = failed.Pod.Metadata.Uid!;
        _cleaning.Remove(uid);
        if (failed.Cause is OperationCanceledException && _lifetime.IsCancellationRequested)
        {
            return;
        }

        NodeAgentLog.Failed(Log, NodeName, RemovePodContainers, failed.Cause);
        _failedCleanups[uid] = (failed.Pod, failed.Confirm); // retried on the next tick
    }

    private void HandlePodStatusChanged(PodStatusChanged changed)
    {
        if (!_pods.TryGetValue(changed.PodUid, out var entry) || entry.Gone)
        {
            return;
        }

        var status = changed.Status;
        status.HostIP = NodeObjects.InternalIp;
        status.HostIPs = [new HostIp { Ip = NodeObjects.InternalIp }];
        // The uid is a precondition: a status never lands on a new pod of the same name.
        var pod = new Pod { Metadata = { Name = entry.Name, Namespace = entry.Namespace, Uid = changed.PodUid }, Status = status };
        _store.Tell(new UpdateObjectStatus(pod), Self);
    }

    private void HandlePodStopped(PodStopped stopped)
    {
        if (_pods.TryGetValue(stopped.PodUid, out var entry) && !entry.Gone)
        {
            NodeAgentLog.ConfirmingDeletion(Log, NodeName, entry.Key);
            entry.Gone = true;
            ConfirmDeletion(stopped.PodUid, entry.Namespace, entry.Name);
        }
    }

    private void ConfirmDeletion(string uid, string ns, string name) =>
        _store.Tell(new DeleteObject(new ObjectKey("", "Pod", ns, name), new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: uid)), Self);

    private void HandleWorkerTerminated(Terminated terminated)
    {
        // Log streams are children too; only workers are in _uidByWorker.
        if (!_uidByWorker.Remove(terminated.ActorRef, out var uid) || !_pods.Remove(uid, out var entry))
        {
            return;
        }

        ForgetMetrics(uid, entry.Namespace, entry.Name);

        if (!entry.Stopping)
        {
            // The worker failed (the runtime is unreachable, say): the next tick lists again, which starts a new
            // worker, adopting the containers, if the pod is still bound here. The tick paces the retries.
            _syncStalled = true;
        }
        else if (!entry.Gone)
        {
            // It failed while terminating the pod: finish the job without it.
            RemoveContainersOf(new Pod { Metadata = { Uid = uid, Namespace = entry.Namespace, Name = entry.Name } }, confirm: true);
        }
    }

    /// <summary>One pod's worker and what the agent knows of its fate.</summary>
    private sealed class PodEntry(IActorRef worker, string ns, string name, IReadOnlyList<string> containers)
    {
        /// <summary>The pod's labels as last seen (copied to its metrics).</summary>
        public IReadOnlyDictionary<string, string>? Labels { get; set; }

        /// <summary>Names of its init and app containers, in spec order.</summary>
        public IReadOnlyList<string> Containers { get; } = containers;

        public IActorRef Worker { get; } = worker;

        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public string Key => $"{Namespace}/{Name}";

        /// <summary>StopPod was sent.</summary>
        public bool Stopping { get; set; }

        /// <summary>The pod is gone from the store, or its deletion was confirmed: no more status writes.</summary>
        public bool Gone { get; set; }
    }
}
