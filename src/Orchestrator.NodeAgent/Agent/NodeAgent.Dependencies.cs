using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// The ConfigMaps and Secrets of a pod: read from the store before its worker starts. A pod with a missing
/// non-optional reference waits (CreateContainerConfigError) and is read again on every tick.
/// </summary>
public sealed partial class NodeAgent
{
    private readonly Dictionary<string, PendingPod> _pending = new(StringComparer.Ordinal);

    private void ReceiveDependencies()
    {
        Receive<DependenciesFetched>(HandleDependenciesFetched);
        Receive<DependenciesNotFetched>(HandleDependenciesNotFetched);
        Receive<PodEventOccurred>(HandlePodEvent);
    }

    /// <summary>Starts the pod's worker, or first reads what it refers to.</summary>
    private void StartOrFetch(Pod pod)
    {
        var uid = pod.Metadata.Uid!;
        if (_pending.TryGetValue(uid, out var pending))
        {
            pending.Pod = ObjectCodec.Copy(pod); // the newest spec wins; the fetch in flight, or the next tick, uses it
            return;
        }

        var (configMaps, secrets) = PodDependencies.Referenced(pod);
        if (configMaps.Count == 0 && secrets.Count == 0)
        {
            StartWorker(pod, PodDependencies.None);
            return;
        }

        _pending[uid] = new PendingPod(ObjectCodec.Copy(pod));
        Fetch(uid);
    }

    private void Fetch(string uid)
    {
        var pending = _pending[uid];
        pending.Fetching = true;
        var pod = pending.Pod;
        FetchAsync(_store, pod, _settings.RequestTimeout)
            .PipeTo(Self, success: deps => new DependenciesFetched(uid, deps), failure: ex => new DependenciesNotFetched(uid, ex));
    }

    /// <summary>On every tick: reads the references of waiting pods again.</summary>
    private void RetryPendingPods()
    {
        foreach (var (uid, _) in _pending.Where(p => !p.Value.Fetching).ToList())
        {
            Fetch(uid);
        }
    }

    /// <summary>A pod that waits for its references is deleted or gone: forget it.</summary>
    private bool ForgetPending(string uid) => _pending.Remove(uid);

    private void HandleDependenciesFetched(DependenciesFetched fetched)
    {
        if (!_pending.TryGetValue(fetched.Uid, out var pending))
        {
            return;
        }

        pending.Fetching = false;
        var pod = pending.Pod;
        if (fetched.Dependencies.MissingFor(pod) is { } missing)
        {
            if (pending.LastMessage != missing)
            {
                pending.LastMessage = missing;
                WriteConfigError(pod, missing);
                WriteEvent(pod, "Failed", "Error: " + missing, "Warning", pod.Spec.Containers.FirstOrDefault()?.Name);
            }

            return;
        }

        _pending.Remove(fetched.Uid);
        StartWorker(pod, fetched.Dependencies);
    }

    private void HandleDependenciesNotFetched(DependenciesNotFetched failed)
    {
        if (_pending.TryGetValue(failed.Uid, out var pending))
        {
            pending.Fetching = false; // the next tick tries again
            NodeAgentLog.Failed(Log, NodeName, "read the pod's ConfigMaps and Secrets", failed.Cause);
        }
    }

    private void WriteConfigError(Pod pod, string message)
    {
        var status = new PodStatus
        {
            Phase = PodPhase.Pending,
            HostIP = NodeObjects.InternalIp,
            HostIPs = [new HostIp { Ip = NodeObjects.InternalIp }],
            ContainerStatuses = pod.Spec.Containers.Select(c => new ContainerStatus
            {
                Name = c.Name,
                Image = c.Image ?? "",
                State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CreateContainerConfigError", Message = message } },
            }).ToList(),
        };
        var update = new Pod { Metadata = { Name = pod.Metadata.Name, Namespace = pod.Metadata.Namespace, Uid = pod.Metadata.Uid }, Status = status };
        _store.Tell(new UpdateObjectStatus(update), Self);
    }

    private void HandlePodEvent(PodEventOccurred e)
    {
        if (_pods.TryGetValue(e.PodUid, out var entry) && !entry.Gone)
        {
            var pod = new Pod { Metadata = { Name = entry.Name, Namespace = entry.Namespace, Uid = e.PodUid } };
            WriteEvent(pod, e.Reason, e.Message, e.Type, e.Container);
        }
    }

    /// <summary>Records a core/v1 Event about <paramref name="pod"/> (or one of its containers); repeats are aggregated.</summary>
    private void WriteEvent(Pod pod, string reason, string message, string type, string? container)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var involved = new ObjectReference
        {
            Kind = "Pod",
            ApiVersion = "v1",
            Name = pod.Metadata.Name,
            Namespace = ns,
            Uid = pod.Metadata.Uid,
            FieldPath = container is null ? null : $"spec.containers{{{container}}}",
        };
        _events.Tell(new RecordEvent(involved, reason, message, type), Self);
    }

    private static async Task<PodDependencies> FetchAsync(IActorRef store, Pod pod, TimeSpan timeout)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var (configMapNames, secretNames) = PodDependencies.Referenced(pod);
        var configMaps = new Dictionary<string, IReadOnlyDictionary<string, byte[]>?>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, IReadOnlyDictionary<string, byte[]>?>(StringComparer.Ordinal);
        foreach (var name in configMapNames)
        {
            var reply = await store.Ask<ObjectReply>(new GetObject(new ObjectKey("", "ConfigMap", ns, name)), timeout).ConfigureAwait(false);
            configMaps[name] = reply.Object is ConfigMap cm ? PodDependencies.DataOf(cm) : NullUnlessFailed(reply, name);
        }

        foreach (var name in secretNames)
        {
            var reply = await store.Ask<ObjectReply>(new GetObject(new ObjectKey("", "Secret", ns, name)), timeout).ConfigureAwait(false);
            secrets[name] = reply.Object is Secret s ? PodDependencies.DataOf(s) : NullUnlessFailed(reply, name);
        }

        return new PodDependencies(configMaps, secrets);
    }

    private static IReadOnlyDictionary<string, byte[]>? NullUnlessFailed(ObjectReply reply, string name) =>
        reply.Error is null || reply.Error.Reason == StatusError.NotFoundReason
            ? null
            : throw new InvalidOperationException($"could not read {name}: {reply.Error.Reason}: {reply.Error.Message}");

    private sealed record DependenciesFetched(string Uid, PodDependencies Dependencies);

    private sealed record DependenciesNotFetched(string Uid, Exception Cause);

    /// <summary>A pod whose worker waits for its ConfigMaps and Secrets.</summary>
    private sealed class PendingPod(Pod pod)
    {
        public Pod Pod { get; set; } = pod;

        public bool Fetching { get; set; }

        public string? LastMessage { get; set; }
    }
}
