using System.Collections.Immutable;
using Orchestrator.Runtime.Remoting;
using static Orchestrator.Runtime.Cluster.ClusterEvent;
using static Orchestrator.Runtime.Cluster.ClusterProtocol;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The cluster's actor on each member (<c>/system/cluster</c>): it owns this member's gossip state, runs the
/// join protocol (<c>ClusterDaemon.Join.cs</c>), gossips and runs the leader's actions and the split-brain
/// resolver (<c>ClusterDaemon.Gossip.cs</c>), and publishes every change to subscribers and to
/// <see cref="Cluster"/>'s synchronous view. Its child <c>heartbeat</c> is the failure detector.
/// </summary>
internal sealed partial class ClusterDaemon : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly NodeWire _selfWire;
    private readonly RemoteTransport _transport;
    private readonly Dictionary<Address, IActorRef> _daemons = new();
    private readonly List<(IActorRef Subscriber, IReadOnlyList<Type> To)> _subscribers = [];
    private GossipState _state = GossipState.Empty;
    private CurrentClusterState _published = CurrentClusterState.Empty;
    private IActorRef _heartbeat = ActorRefs.Nobody;
    private bool _removed;
    private bool _downedSelf;

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _self = cluster.SelfUniqueAddress;
        _selfWire = ToWire(_self);
        _transport = cluster.System.Remote!;
        Receive<SubscribeEvents>(HandleSubscribe);
        Receive<UnsubscribeEvents>(u => RemoveSubscriber(u.Subscriber));
        Receive<Terminated>(t => RemoveSubscriber(t.ActorRef));
        Receive<JoinSeeds>(HandleJoinSeeds);
        Receive<JoinTo>(HandleJoinTo);
        Receive<InitJoin>(HandleInitJoin);
        Receive<InitJoinAck>(HandleInitJoinAck);
        Receive<InitJoinNack>(_ => { });
        Receive<Join>(HandleJoin);
        Receive<Welcome>(HandleWelcome);
        Receive<JoinRetry>(_ => HandleJoinRetry());
        Receive<GossipEnvelope>(HandleGossip);
        Receive<GossipTick>(_ => GossipToAll());
        Receive<LeaderTick>(_ => HandleLeaderTick());
        Receive<ClusterHeartbeat.ReachabilityObserved>(HandleReachability);
        Receive<LeaveMember>(HandleLeave);
        Receive<DownMember>(HandleDown);
        Receive<LeaseResult>(HandleLeaseResult);
        Receive<QuarantineRemoved>(q => _transport.QuarantineRemoved(q.Node.Address, q.Node.Uid, "removed from the cluster"));
        Receive<ShutdownCluster>(_ => HandleShutdown());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsMember => _state.Gossip.HasMember(_self);

    private Member? SelfMember => _state.Gossip.MemberOf(_self);

    protected override void PreStart()
    {
        _heartbeat = Context.ActorOf(Props.Create(() => new ClusterHeartbeat(_self, _settings)), "heartbeat");
        Timers.StartPeriodicTimer("gossip", GossipTick.Instance, _settings.GossipInterval);
        Timers.StartPeriodicTimer("leader", LeaderTick.Instance, _settings.LeaderActionsInterval);
        if (_settings.SeedNodes.Count > 0) Self.Tell(new JoinSeeds(_settings.SeedNodes));
    }

    /// <summary>
    /// Adopts <paramref name="next"/>: publishes what changed, keeps the heartbeat targets and the remote
    /// quarantine in step, reacts to this member's own Down or removal, and gossips when asked to.
    /// </summary>
    private void SetState(GossipState next, bool gossipNow)
    {
        var previous = _state.Gossip;
        var previousSelf = SelfMember;
        _state = next;
        var gossip = next.Gossip;
        var snapshot = Membership.Snapshot(gossip);
        var events = ClusterEventDiff.Diff(_published, snapshot);
        _published = snapshot;
        var self = gossip.MemberOf(_self) ?? (previousSelf ?? _cluster.SelfMember).WithStatus(MemberStatus.Removed);
        _cluster.UpdateView(snapshot, self);
        foreach (var e in events) PublishEvent(e);
        foreach (var e in events) ClusterLog.Event(_cluster.Log, _self.Address.ToString(), e.ToString() ?? "");
        if (!previous.Members.Keys.SequenceEqual(gossip.Members.Keys)) _heartbeat.Tell(new ClusterHeartbeat.MonitorMembers(gossip.Members.Keys.ToArray()));
        foreach (var (node, member) in previous.Members)
        {
            if (node.Equals(_self) || !gossip.Tombstones.Contains(node)) continue;
            if (member.Status == MemberStatus.Exiting)
            {
                // The leaver learns of its removal from this gossip; its connection closes a little later.
                SendGossip(node);
                Timers.StartSingleTimer(("quarantine", node), new QuarantineRemoved(node), _settings.GossipInterval * 4);
            }
            else
            {
                _transport.QuarantineRemoved(node.Address, node.Uid, $"removed from the cluster after {member.Status}");
            }
        }
        if (gossipNow) GossipToAll();
        if (previousSelf is not null && gossip.Tombstones.Contains(_self)) OnSelfRemoved(previousSelf.Status);
        else if (self.Status == MemberStatus.Down) OnSelfDowned();
    }

    private void OnSelfRemoved(MemberStatus previousStatus)
    {
        if (_removed) return;
        _removed = true;
        ClusterLog.SelfRemoved(_cluster.Log, _self.ToString(), previousStatus.ToString());
        Timers.Cancel("gossip");
        Timers.Cancel("leader");
        _cluster.MarkRemoved();
        StartShutdown(previousStatus == MemberStatus.Down ? "cluster member downed" : "cluster member removed");
    }

    private void OnSelfDowned()
    {
        if (_downedSelf) return;
        _downedSelf = true;
        ClusterLog.SelfDowned(_cluster.Log, _self.ToString());
        StartShutdown("cluster member downed");
    }

    private void StartShutdown(string reason)
    {
        if (_settings.RunCoordinatedShutdownWhenDown) _ = _cluster.System.CoordinatedShutdown.Run(reason);
        else Self.Tell(ShutdownCluster.Instance);
    }

    private void HandleShutdown()
    {
        PublishEvent(ClusterShuttingDown.Instance);
        _cluster.MarkTerminated();
        Context.Stop(Self);
    }

    private void HandleSubscribe(SubscribeEvents s)
    {
        RemoveSubscriber(s.Subscriber);
        _subscribers.Add((s.Subscriber, s.To));
        Context.Watch(s.Subscriber);
        if (s.Mode == SubscriptionInitialStateMode.InitialStateAsSnapshot)
        {
            s.Subscriber.Tell(_published, Self);
            return;
        }
        foreach (var e in ClusterEventDiff.Diff(CurrentClusterState.Empty, _published))
            if (ClusterEventDiff.Matches(e, s.To)) s.Subscriber.Tell(e, Self);
    }

    private void RemoveSubscriber(IActorRef subscriber)
    {
        if (_subscribers.RemoveAll(x => x.Subscriber.Equals(subscriber)) > 0) Context.Unwatch(subscriber);
    }

    private void PublishEvent(IClusterDomainEvent e)
    {
        foreach (var (subscriber, to) in _subscribers)
            if (ClusterEventDiff.Matches(e, to)) subscriber.Tell(e, Self);
    }

    /// <summary>The cluster daemon of the member at <paramref name="address"/>.</summary>
    private IActorRef DaemonAt(Address address)
    {
        if (!_daemons.TryGetValue(address, out var daemon))
            _daemons[address] = daemon = Context.System.ResolveActorRef($"{address}/system/cluster");
        return daemon;
    }
}
