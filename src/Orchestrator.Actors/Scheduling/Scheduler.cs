using System.Diagnostics;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Scheduling.Cache;
using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Plugins;
using Orchestrator.Actors.Scheduling.Queue;
using Orchestrator.Actors.Scheduling.Reporting;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Scheduling;

/// <summary>
/// Places pending pods on nodes. Two <see cref="Informer"/>s (every Pod, every Node) feed the
/// <see cref="SchedulerCache"/> and the <see cref="SchedulingQueue"/>; each cycle pops the next pod, runs
/// the <see cref="SchedulingFramework"/> on the cache, assumes the pod on the chosen node (so the next
/// cycle already sees the room taken) and binds it through the store with <see cref="BindPod"/>
/// without waiting. A failed bind forgets the assumption and backs the pod off; the watch confirms a
/// successful one. A pod that fits nowhere gets PodScheduled=False (reason Unschedulable) and a
/// FailedScheduling Event, and waits for a cluster event that can help. Only pods whose
/// spec.schedulerName is <see cref="SchedulerSettings.SchedulerName"/> are placed. Meant to run once
/// per cluster (a singleton); its state is rebuilt from the informers when it starts.
/// </summary>
public sealed class Scheduler : ReceiveActor, IWithTimers
{
    private const string FlushTimer = "flush";
    private static readonly TimeSpan _unschedulableCheck = TimeSpan.FromSeconds(30);

    private readonly IActorRef _store;
    private readonly SchedulerSettings _settings;
    private readonly InformerOptions _informerOptions;
    private readonly SchedulingFramework _framework;
    private readonly SchedulerCache _cache = new();
    private readonly SchedulingQueue _queue;
    private readonly Dictionary<string, Event> _lastEvents = new(StringComparer.Ordinal);
    private readonly Stopwatch _cycleClock = new();
    private bool _nodesSynced;
    private bool _podsSynced;
    private bool _kicked;
    private DateTimeOffset? _flushAt;
    private long _scheduled;
    private long _failedAttempts;
    private long _bindFailures;
    private long _cycles;

    /// <summary>A scheduler reading and writing through <paramref name="store"/>.</summary>
    public Scheduler(IActorRef store, SchedulerSettings settings, InformerOptions informerOptions, SchedulingFramework? framework = null)
    {
        _store = store;
        _settings = settings;
        _informerOptions = informerOptions;
        _framework = framework ?? PluginRegistry.CreateFramework(settings);
        _queue = new SchedulingQueue(settings.PodInitialBackoff, settings.PodMaxBackoff, settings.MaxUnschedulableDuration);

        Receive<InformerSynced>(HandleSynced);
        Receive<ObjectAdded>(n => HandleObject(n.Source, n.Object));
        Receive<ObjectUpdated>(n => HandleObject(n.Source, n.New));
        Receive<ObjectDeleted>(n => HandleDeleted(n.Source, n.LastState));
        Receive<InformerResynced>(HandleResynced);
        Receive<ScheduleNext>(_ => HandleScheduleNext());
        Receive<BindCompleted>(HandleBindCompleted);
        Receive<Flush>(_ => HandleFlush());
        Receive<ReportWritten>(HandleReportWritten);
        Receive<GetSchedulerStats>(_ => Sender.Tell(Stats(), Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a scheduler; <paramref name="framework"/> replaces the default profile (tests).</summary>
    public static Props Props(IActorRef store, SchedulerSettings settings, InformerOptions informerOptions, SchedulingFramework? framework = null) =>
        Runtime.Props.Create(() => new Scheduler(store, settings, informerOptions, framework));

    private sealed record ScheduleNext
    {
        public static readonly ScheduleNext Instance = new();
    }

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed record BindCompleted(QueuedPod Pod, string NodeName, ObjectReply? Reply, Exception? Failure);

    private sealed record ReportWritten(string Pod, ObjectReply? Reply, Exception? Failure);

    /// <inheritdoc />
    protected override void PreStart()
    {
        var nodes = Context.ActorOf(Informer.Props(_store, InformerSpec.Nodes, _informerOptions), "node-informer");
        var pods = Context.ActorOf(Informer.Props(_store, InformerSpec.Pods, _informerOptions), "pod-informer");
        nodes.Tell(new SubscribeInformer(Self), Self);
        pods.Tell(new SubscribeInformer(Self), Self);
        Timers.StartPeriodicTimer("unschedulable", Flush.Instance, _unschedulableCheck);
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static bool IsNodes(InformerSpec source) => source.Kind == "Node";

    private void HandleSynced(InformerSynced synced)
    {
        // Once per informer: after a re-list the informer reports the differences as ordinary notifications.
        foreach (var obj in synced.Cache.Values)
        {
            if (obj is Node node) _cache.SetNode(node);
            else if (obj is Pod pod) HandlePod(pod);
        }

        if (IsNodes(synced.Source)) _nodesSynced = true;
        else _podsSynced = true;
        Kick();
    }

    /// <summary>The level-triggered safety net: a pending pod the queue lost track of is queued again.</summary>
    private void HandleResynced(InformerResynced resynced)
    {
        if (IsNodes(resynced.Source)) return;
        foreach (var obj in resynced.Cache.Values)
        {
            if (obj is Pod { Spec.NodeName: null or "" } pod && _queue.Get(PodKey(pod)) is null) HandlePod(pod);
        }
    }

    private void HandleObject(InformerSpec source, IKubernetesObject obj)
    {
        if (IsNodes(source))
        {
            var change = _cache.SetNode((Node)obj);
            if (change != ClusterEvents.None) OnClusterEvent(change);
            return;
        }

        HandlePod((Pod)obj);
    }

    private void HandleDeleted(InformerSpec source, IKubernetesObject obj)
    {
        if (IsNodes(source))
        {
            _cache.RemoveNode(obj.Metadata.Name ?? "");
            return;
        }

        var key = PodKey(obj);
        _queue.Delete(key);
        _lastEvents.Remove(key);
        OnClusterEvent(_cache.RemovePod(key));
    }

    private void HandlePod(Pod pod)
    {
        var info = PodInfo.Of(pod);
        if (!string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            _queue.Delete(info.Key);
            _lastEvents.Remove(info.Key);
            OnClusterEvent(_cache.SetPod(info));
            return;
        }

        // A pending pod we placed shows up unbound until the watch delivers the bind: it is not pending any more.
        if (_cache.IsAssumed(info.Key)) return;
        var terminal = pod.Status?.Phase is "Succeeded" or "Failed";
        if (terminal || pod.Metadata.DeletionTimestamp is not null || !IsResponsibleFor(pod))
        {
            _queue.Delete(info.Key);
            return;
        }

        _queue.Add(info, Now);
        Kick();
    }

    private bool IsResponsibleFor(Pod pod) =>
        (string.IsNullOrEmpty(pod.Spec.SchedulerName) ? "default-scheduler" : pod.Spec.SchedulerName) == _settings.SchedulerName;

    private void OnClusterEvent(ClusterEvents change)
    {
        if (change == ClusterEvents.None) return;
        _queue.OnClusterEvent(change, Now);
        ArmFlushTimer();
        Kick();
    }

    private void Kick()
    {
        if (_kicked || !_nodesSynced || !_podsSynced || _queue.ActiveCount == 0) return;
        _kicked = true;
        Self.Tell(ScheduleNext.Instance, Self);
    }

    private void HandleScheduleNext()
    {
        _kicked = false;
        for (var i = 0; i < _settings.PodsPerTurn; i++)
        {
            var pod = _queue.Pop();
            if (pod is null) break;
            RunCycle(pod);
        }

        ArmFlushTimer();
        Kick();
    }

    private void RunCycle(QueuedPod pod)
    {
        ScheduleResult result;
        _cycles++;
        _cycleClock.Start();
        try
        {
            result = _framework.Schedule(pod.Info, _cache.Snapshot);
        }
        catch (Exception e)
        {
            SchedulerLog.CycleError(Log, e, pod.Key);
            _queue.AddBackoff(pod, Now);
            return;
        }
        finally
        {
            _cycleClock.Stop();
        }

        if (result.Node is { } node)
        {
            _cache.Assume(pod.Info, node.Name);
            var meta = pod.Info.Pod.Metadata;
            _store.Ask<ObjectReply>(new BindPod(pod.Info.Namespace, pod.Info.Name, node.Name, meta.Uid), _settings.BindTimeout)
                .PipeTo(Self, Self, reply => new BindCompleted(pod, node.Name, reply, null), e => new BindCompleted(pod, node.Name, null, e));
            return;
        }

        _failedAttempts++;
        var failure = result.Failure!;
        _queue.AddUnschedulable(pod, failure.RetryOn, Now);
        Report(pod.Info.Pod, failure.Message);
    }

    private void HandleBindCompleted(BindCompleted completed)
    {
        var key = completed.Pod.Key;
        if (completed.Reply is { IsSuccess: true })
        {
            _scheduled++;
            _queue.Done(key);
            _lastEvents.Remove(key);
            return;
        }

        _bindFailures++;
        var error = completed.Reply?.Error?.Message ?? completed.Failure?.Message ?? "unknown error";
        SchedulerLog.BindFailed(Log, key, completed.NodeName, error);
        if (_cache.Forget(key)) OnClusterEvent(ClusterEvents.AssignedPodRemoved);
        if (completed.Reply?.Error?.Reason == "NotFound") _queue.Delete(key);
        else _queue.AddBackoff(completed.Pod, Now);
        ArmFlushTimer();
    }

    private void HandleFlush()
    {
        _flushAt = null;
        _queue.Flush(Now);
        ArmFlushTimer();
        Kick();
    }

    /// <summary>Wakes the actor when the earliest back-off ends.</summary>
    private void ArmFlushTimer()
    {
        if (_queue.NextBackoffExpiry() is not { } expiry) return;
        if (_flushAt is { } armed && armed <= expiry) return;
        _flushAt = expiry;
        var delay = expiry - Now;
        Timers.StartSingleTimer(FlushTimer, Flush.Instance, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    private void Report(Pod pod, string message)
    {
        var key = PodKey(pod);
        SchedulerLog.Unschedulable(Log, key, message);
        var now = Now;
        if (!SchedulingReports.HasCondition(pod, message)) Write(key, SchedulingReports.ConditionPatch(pod, message, now));
        if (!_settings.RecordEvents) return;
        if (_lastEvents.TryGetValue(key, out var last) && last.Message == message)
        {
            // The sent object belongs to the store now: the repeat is a new copy.
            var repeated = Store.Objects.ObjectCodec.Copy(last);
            repeated.Count = (last.Count ?? 1) + 1;
            repeated.LastTimestamp = now;
            repeated.Metadata.ResourceVersion = null;
            _lastEvents[key] = repeated;
            Write(key, new UpdateObject(repeated));
            return;
        }

        var created = SchedulingReports.FailedEvent(pod, message, _settings.SchedulerName, now);
        _lastEvents[key] = created;
        Write(key, new CreateObject(created));
    }

    private void Write(string pod, IObjectCommand command) =>
        _store.Ask<ObjectReply>(command, _settings.BindTimeout)
            .PipeTo(Self, Self, reply => new ReportWritten(pod, reply, null), e => new ReportWritten(pod, null, e));

    private void HandleReportWritten(ReportWritten written)
    {
        var error = written.Reply?.Error?.Message ?? written.Failure?.Message;
        if (error is not null) SchedulerLog.ReportFailed(Log, written.Pod, error);
    }

    private SchedulerStats Stats() => new(
        _nodesSynced && _podsSynced,
        _cache.Snapshot.Nodes.Count,
        _scheduled,
        _failedAttempts,
        _bindFailures,
        _queue.Count,
        _cache.AssumedCount,
        _cycleClock.Elapsed,
        _cycles);

    private static string PodKey(IKubernetesObject pod) => (pod.Metadata.Namespace is { Length: > 0 } ns ? ns : "default") + "/" + pod.Metadata.Name;
}
