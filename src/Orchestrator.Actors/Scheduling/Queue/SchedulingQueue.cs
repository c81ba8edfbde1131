using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Queue;

/// <summary>
/// kube-scheduler's three-part queue, as pure state (time is passed in). Active: a heap ordered by
/// spec.priority (higher first), then by the time the pod entered it. Back-off: pods that failed,
/// each waiting <c>initial × 2^(attempts−1)</c> capped at the maximum. Unschedulable: failed pods
/// waiting for a cluster event that one of the rejecting plugins registered (or for the
/// max-unschedulable-duration), then moved to back-off or, when their back-off is over, to active.
/// </summary>
public sealed class SchedulingQueue
{
    private readonly TimeSpan _initialBackoff;
    private readonly TimeSpan _maxBackoff;
    private readonly TimeSpan _maxUnschedulable;
    private readonly Dictionary<string, QueuedPod> _pods = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(QueuedPod Pod, long Version), ActiveOrder> _active = new();
    private readonly PriorityQueue<(QueuedPod Pod, long Version), DateTimeOffset> _backoff = new();
    private long _sequence;

    /// <summary>A queue with the given back-off and unschedulable timeouts.</summary>
    public SchedulingQueue(TimeSpan initialBackoff, TimeSpan maxBackoff, TimeSpan maxUnschedulable)
    {
        _initialBackoff = initialBackoff;
        _maxBackoff = maxBackoff;
        _maxUnschedulable = maxUnschedulable;
    }

    /// <summary>Pods known to the queue, wherever they are (in flight included).</summary>
    public int Count => _pods.Count;

    /// <summary>Pods waiting in the active heap.</summary>
    public int ActiveCount { get; private set; }

    /// <summary>The pod with <paramref name="key"/>, or null.</summary>
    public QueuedPod? Get(string key) => _pods.GetValueOrDefault(key);

    /// <summary>Pods at <paramref name="location"/> (for tests and diagnostics).</summary>
    public int CountAt(QueueLocation location) => _pods.Values.Count(p => p.Location == location);

    /// <summary>Adds a new pending pod (active, or gated while it has scheduling gates). An already known pod is updated instead.</summary>
    public void Add(PodInfo info, DateTimeOffset now)
    {
        if (_pods.ContainsKey(info.Key))
        {
            Update(info, now);
            return;
        }

        var pod = new QueuedPod(info, now);
        _pods[info.Key] = pod;
        if (IsGated(info)) pod.Location = QueueLocation.Gated;
        else PushActive(pod, now);
    }

    /// <summary>
    /// Takes a new version of a pending pod. A waiting pod whose labels, tolerations, affinity or
    /// gates changed may fit now: it goes back to active (or back-off while that lasts).
    /// </summary>
    public void Update(PodInfo info, DateTimeOffset now)
    {
        if (!_pods.TryGetValue(info.Key, out var pod))
        {
            Add(info, now);
            return;
        }

        var previous = pod.Info;
        pod.Info = info;
        if (pod.Location == QueueLocation.Gated)
        {
            if (!IsGated(info)) PushActive(pod, now);
            return;
        }

        if (pod.Location is QueueLocation.Unschedulable or QueueLocation.Backoff && SchedulingInputsChanged(previous, info)) MoveToActiveOrBackoff(pod, now);
    }

    /// <summary>Forgets a pod (deleted, or bound by someone else).</summary>
    public void Delete(string key)
    {
        if (!_pods.Remove(key, out var pod)) return;
        if (pod.Location == QueueLocation.Active) ActiveCount--;
        pod.Version++;
    }

    /// <summary>The next pod to schedule, now in flight; null when none is active.</summary>
    public QueuedPod? Pop()
    {
        while (_active.TryDequeue(out var entry, out _))
        {
            var pod = entry.Pod;
            if (entry.Version != pod.Version || pod.Location != QueueLocation.Active) continue;
            ActiveCount--;
            pod.Version++;
            pod.Location = QueueLocation.InFlight;
            pod.Attempts++;
            pod.EventsWhileInFlight = ClusterEvents.None;
            return pod;
        }

        return null;
    }

    /// <summary>The pod was placed (assumed and sent to bind): it leaves the queue.</summary>
    public void Done(string key) => Delete(key);

    /// <summary>
    /// The in-flight pod did not fit. When an event that can help arrived while it was in flight it
    /// goes to back-off at once; otherwise it waits as unschedulable.
    /// </summary>
    public void AddUnschedulable(QueuedPod pod, ClusterEvents retryOn, DateTimeOffset now)
    {
        if (!IsCurrent(pod)) return;
        pod.LastFailure = now;
        pod.RetryOn = retryOn;
        if ((pod.EventsWhileInFlight & retryOn) != 0) PushBackoff(pod);
        else pod.Location = QueueLocation.Unschedulable;
    }

    /// <summary>The in-flight pod's bind failed (a conflict, a timeout): it retries after its back-off.</summary>
    public void AddBackoff(QueuedPod pod, DateTimeOffset now)
    {
        if (!IsCurrent(pod)) return;
        pod.LastFailure = now;
        pod.RetryOn = ClusterEvents.All;
        PushBackoff(pod);
    }

    /// <summary>A change in the cluster: unschedulable pods it can help move to back-off or active.</summary>
    public void OnClusterEvent(ClusterEvents change, DateTimeOffset now)
    {
        foreach (var pod in _pods.Values)
        {
            if (pod.Location == QueueLocation.InFlight) pod.EventsWhileInFlight |= change;
            else if (pod.Location == QueueLocation.Unschedulable && (pod.RetryOn & change) != 0) MoveToActiveOrBackoff(pod, now);
        }
    }

    /// <summary>Moves pods whose back-off is over to active, and unschedulable pods that waited too long to back-off or active.</summary>
    public void Flush(DateTimeOffset now)
    {
        while (_backoff.TryPeek(out var entry, out var expiry))
        {
            if (entry.Version != entry.Pod.Version || entry.Pod.Location != QueueLocation.Backoff)
            {
                _backoff.Dequeue();
                continue;
            }

            if (expiry > now) break;
            _backoff.Dequeue();
            PushActive(entry.Pod, now);
        }

        foreach (var pod in _pods.Values)
        {
            if (pod.Location == QueueLocation.Unschedulable && now - pod.LastFailure >= _maxUnschedulable) MoveToActiveOrBackoff(pod, now);
        }
    }

    /// <summary>When <see cref="Flush"/> next has something to do for back-off, or null.</summary>
    public DateTimeOffset? NextBackoffExpiry()
    {
        while (_backoff.TryPeek(out var entry, out var expiry))
        {
            if (entry.Version == entry.Pod.Version && entry.Pod.Location == QueueLocation.Backoff) return expiry;
            _backoff.Dequeue();
        }

        return null;
    }

    /// <summary>The back-off after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan BackoffFor(int attempts)
    {
        var duration = _initialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            duration += duration;
            if (duration >= _maxBackoff) return _maxBackoff;
        }

        return duration;
    }

    private bool IsCurrent(QueuedPod pod) => _pods.TryGetValue(pod.Key, out var known) && ReferenceEquals(known, pod);

    private void MoveToActiveOrBackoff(QueuedPod pod, DateTimeOffset now)
    {
        if (pod.Attempts > 0 && pod.LastFailure + BackoffFor(pod.Attempts) > now) PushBackoff(pod);
        else PushActive(pod, now);
    }

    private void PushActive(QueuedPod pod, DateTimeOffset now)
    {
        pod.Version++;
        pod.Location = QueueLocation.Active;
        pod.Timestamp = now;
        ActiveCount++;
        _active.Enqueue((pod, pod.Version), new ActiveOrder(pod.Info.Priority, now.UtcTicks, _sequence++));
    }

    private void PushBackoff(QueuedPod pod)
    {
        pod.Version++;
        pod.Location = QueueLocation.Backoff;
        _backoff.Enqueue((pod, pod.Version), pod.LastFailure + BackoffFor(pod.Attempts));
    }

    private static bool IsGated(PodInfo info) => info.Pod.Spec.SchedulingGates is { Count: > 0 };

    private static bool SchedulingInputsChanged(PodInfo before, PodInfo after) =>
        !LabelSets.Equal(before.Labels, after.Labels) || !Model.Serialization.ManifestSerializer.SemanticallyEqual(before.Pod.Spec, after.Pod.Spec);

    /// <summary>Higher priority first, then earlier entry, then insertion order.</summary>
    private readonly record struct ActiveOrder(int Priority, long Ticks, long Sequence) : IComparable<ActiveOrder>
    {
        public int CompareTo(ActiveOrder other)
        {
            if (Priority != other.Priority) return other.Priority.CompareTo(Priority);
            if (Ticks != other.Ticks) return Ticks.CompareTo(other.Ticks);
            return Sequence.CompareTo(other.Sequence);
        }
    }
}
