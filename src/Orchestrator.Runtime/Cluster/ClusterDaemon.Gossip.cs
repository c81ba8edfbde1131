using System.Collections.Immutable;
using static Orchestrator.Runtime.Cluster.ClusterProtocol;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// Gossip, the leader's actions, reachability, the split-brain resolver and the Leave/Down commands.
/// Every member sends its whole state to every other member each gossip-interval and at once after a change;
/// a receiver merges, and answers the sender when the sender's state lacked something.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private ImmutableSortedSet<UniqueAddress> _sbrUnreachable = ImmutableSortedSet<UniqueAddress>.Empty;
    private long _sbrStableSince = Environment.TickCount64;
    private bool _leaseInFlight;

    private void HandleGossip(GossipEnvelope envelope)
    {
        if (_removed || TryFromWire(envelope.From) is not { } from || TryFromWire(envelope.To) is not { } to || !to.Equals(_self)) return;
        GossipState incoming;
        try
        {
            incoming = FromWire(envelope.State);
        }
        catch (FormatException)
        {
            return;
        }
        var knowsMe = incoming.Gossip.HasMember(_self) || incoming.Gossip.Tombstones.Contains(_self);
        if (!IsMember)
        {
            // A welcome that got lost: the cluster already counts this node in.
            if (!incoming.Gossip.HasMember(_self)) return;
            Timers.Cancel("join");
        }
        else if (_state.Gossip.Tombstones.Contains(from))
        {
            // A removed member still talks: tell it that it is gone.
            SendGossip(from);
            return;
        }
        else if (!knowsMe)
        {
            return;
        }
        var next = _state.Receive(incoming, _self);
        var changed = !next.SameAs(_state);
        SetState(next, gossipNow: changed);
        if (!changed && !_removed && !next.SameAs(incoming)) SendGossip(from);
    }

    private void GossipToAll()
    {
        if (!IsMember || _removed) return;
        var state = ToWire(_state);
        foreach (var node in _state.Gossip.Members.Keys)
            if (!node.Equals(_self)) DaemonAt(node.Address).Tell(new GossipEnvelope(_selfWire, ToWire(node), state), Self);
    }

    private void SendGossip(UniqueAddress node) =>
        DaemonAt(node.Address).Tell(new GossipEnvelope(_selfWire, ToWire(node), ToWire(_state)), Self);

    private void HandleReachability(ClusterHeartbeat.ReachabilityObserved observed)
    {
        if (!IsMember || _removed) return;
        var gossip = _state.Gossip.WithObservation(_self, observed.Unreachable.Where(_state.Gossip.HasMember));
        if (!ReferenceEquals(gossip, _state.Gossip)) SetState(_state.Change(gossip, _self), gossipNow: true);
    }

    private void HandleLeaderTick()
    {
        if (!IsMember || _removed || _downedSelf) return;
        var gossip = _state.Gossip;
        var isLeader = _self.Equals(Membership.Leader(gossip));
        if (isLeader && Membership.IsConverged(gossip, _state.Seen))
        {
            var result = Membership.LeaderActions(gossip, _settings.MinNrOfMembers);
            if (!result.Gossip.SameAs(gossip))
            {
                SetState(_state.Change(result.Gossip, _self), gossipNow: true);
                return;
            }
        }
        RunSplitBrainResolver(isLeader);
    }

    /// <summary>
    /// When the set of unreachable members has stayed the same for stable-after, the leader of this side applies
    /// the strategy's decision: down the other side, or down this side (including itself).
    /// </summary>
    private void RunSplitBrainResolver(bool isLeader)
    {
        var strategy = _settings.SplitBrainResolver.ActiveStrategy;
        if (strategy == DowningStrategy.Off) return;
        var unreachable = SplitBrainDecision.Sides(_state.Gossip).Unreachable.Select(m => m.UniqueAddress).ToImmutableSortedSet();
        var now = Environment.TickCount64;
        if (!unreachable.SetEquals(_sbrUnreachable))
        {
            _sbrUnreachable = unreachable;
            _sbrStableSince = now;
            return;
        }
        if (unreachable.Count == 0 || !isLeader || now - _sbrStableSince < _settings.SplitBrainResolver.StableAfter.TotalMilliseconds) return;
        if (strategy == DowningStrategy.LeaseMajority)
        {
            AcquireLease();
            return;
        }
        ApplyDecision(SplitBrainDecision.KeepMajority(_state.Gossip), strategy.ToString());
    }

    private void ApplyDecision(SplitBrainAction action, string strategy)
    {
        var toDown = SplitBrainDecision.ToDown(_state.Gossip, action);
        if (toDown.Count == 0) return;
        ClusterLog.SplitBrainDecision(_cluster.Log, _self.ToString(), strategy, action.ToString(), string.Join(", ", toDown.Select(m => m.Address)));
        var gossip = _state.Gossip;
        foreach (var member in toDown) gossip = gossip.WithMember(member.WithStatus(MemberStatus.Down));
        // Decided once per stable period: a new decision needs the unreachable set to change and settle again.
        _sbrStableSince = Environment.TickCount64;
        SetState(_state.Change(gossip, _self), gossipNow: true);
    }

    private void AcquireLease()
    {
        if (_leaseInFlight) return;
        _leaseInFlight = true;
        var lease = _cluster.Lease;
        var self = Self;
        lease.TryAcquireAsync(_self.Address.ToString()).ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? new LeaseResult(t.Result, null) : new LeaseResult(false, t.Exception?.GetBaseException().Message ?? "cancelled")),
            TaskScheduler.Default);
    }

    private void HandleLeaseResult(LeaseResult result)
    {
        _leaseInFlight = false;
        if (!IsMember || _removed || _downedSelf) return;
        if (result.Error is not null) ClusterLog.LeaseFailed(_cluster.Log, _self.ToString(), result.Error);
        ApplyDecision(SplitBrainDecision.LeaseMajority(_state.Gossip, result.Acquired), "lease-majority");
    }

    private void HandleLeave(LeaveMember l)
    {
        if (!IsMember || _removed)
        {
            ClusterLog.NotAMember(_cluster.Log, _self.ToString(), "leave", l.Address.ToString());
            return;
        }
        var member = _state.Gossip.Members.Values.FirstOrDefault(m => m.Address.Equals(l.Address));
        if (member is null)
        {
            ClusterLog.UnknownMember(_cluster.Log, _self.ToString(), "leave", l.Address.ToString());
            return;
        }
        if (member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
            SetState(_state.Change(_state.Gossip.WithMember(member.WithStatus(MemberStatus.Leaving)), _self), gossipNow: true);
    }

    private void HandleDown(DownMember d)
    {
        if (!IsMember || _removed)
        {
            ClusterLog.NotAMember(_cluster.Log, _self.ToString(), "down", d.Address.ToString());
            return;
        }
        var member = _state.Gossip.Members.Values.FirstOrDefault(m => m.Address.Equals(d.Address) && m.Status != MemberStatus.Down);
        if (member is null)
        {
            ClusterLog.UnknownMember(_cluster.Log, _self.ToString(), "down", d.Address.ToString());
            return;
        }
        SetState(_state.Change(_state.Gossip.WithMember(member.WithStatus(MemberStatus.Down)), _self), gossipNow: true);
    }
}
