using System.Collections.Immutable;
using static Orchestrator.Runtime.Cluster.ClusterProtocol;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// Heartbeats of one member (<c>/system/cluster/heartbeat</c>): it answers every heartbeat it receives, sends
/// heartbeats to the members it monitors (<see cref="HeartbeatTargets"/>), feeds their answers to one
/// phi-accrual failure detector per member, and tells the daemon which of them it cannot hear.
/// </summary>
internal sealed partial class ClusterHeartbeat : ReceiveActor, IWithTimers
{
    private readonly UniqueAddress _self;
    private readonly NodeWire _selfWire;
    private readonly ClusterSettings _settings;
    private readonly Dictionary<UniqueAddress, (PhiAccrualFailureDetector Detector, IActorRef Ref)> _targets = new();
    private ImmutableSortedSet<UniqueAddress> _reported = ImmutableSortedSet<UniqueAddress>.Empty;
    private long _sequence;

    public ClusterHeartbeat(UniqueAddress self, ClusterSettings settings)
    {
        _self = self;
        _selfWire = ToWire(self);
        _settings = settings;
        Receive<Heartbeat>(h => Sender.Tell(new HeartbeatResponse(_selfWire, h.Sequence), Self));
        Receive<HeartbeatResponse>(HandleResponse);
        Receive<MonitorMembers>(HandleMembers);
        Receive<SendHeartbeats>(_ => HandleSend());
        Receive<ReapUnreachable>(_ => HandleReap());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("send", SendHeartbeats.Instance, _settings.FailureDetector.HeartbeatInterval);
        Timers.StartPeriodicTimer("reap", ReapUnreachable.Instance, _settings.UnreachableNodesReaperInterval);
    }

    private static long Now => Environment.TickCount64;

    private void HandleMembers(MonitorMembers m)
    {
        var wanted = HeartbeatTargets.Select(_self, m.Members, _settings.FailureDetector.MonitoredByNrOfMembers);
        foreach (var gone in _targets.Keys.Except(wanted).ToArray()) _targets.Remove(gone);
        foreach (var node in wanted)
        {
            if (_targets.ContainsKey(node)) continue;
            var detector = new PhiAccrualFailureDetector(_settings.FailureDetector, _settings.FailureDetector.HeartbeatInterval);
            // Counted as heard now: a member that never answers becomes unreachable like one that stopped answering.
            detector.Heartbeat(Now);
            var target = Context.System.ResolveActorRef($"{node.Address}/system/cluster/heartbeat");
            _targets[node] = (detector, target);
            target.Tell(new Heartbeat(_selfWire, ++_sequence), Self);
        }
        HandleReap();
    }

    private void HandleSend()
    {
        var beat = new Heartbeat(_selfWire, ++_sequence);
        foreach (var (_, target) in _targets.Values) target.Tell(beat, Self);
    }

    private void HandleResponse(HeartbeatResponse r)
    {
        UniqueAddress from;
        try
        {
            from = FromWire(r.From);
        }
        catch (FormatException)
        {
            return;
        }
        if (_targets.TryGetValue(from, out var target)) target.Detector.Heartbeat(Now);
    }

    private void HandleReap()
    {
        var now = Now;
        var unreachable = _targets.Where(t => !t.Value.Detector.IsAvailable(now)).Select(t => t.Key).ToImmutableSortedSet();
        if (unreachable.SetEquals(_reported)) return;
        _reported = unreachable;
        Context.Parent.Tell(new ReachabilityObserved(unreachable), Self);
    }
}
