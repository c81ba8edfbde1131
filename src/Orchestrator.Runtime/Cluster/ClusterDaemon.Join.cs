using System.Collections.Immutable;
using static Orchestrator.Runtime.Cluster.ClusterProtocol;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The join protocol: InitJoin to the seeds; the first that is a member answers InitJoinAck; Join to it; it adds
/// this node as Joining and answers Welcome with its state. The first seed starts a new cluster when no other seed
/// answers within seed-node-timeout; everyone else asks again every retry-unsuccessful-join-after.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private IReadOnlyList<Address> _seeds = [];
    private bool _mayJoinSelf;
    private Address? _contact;

    private void HandleJoinSeeds(JoinSeeds j)
    {
        if (IsMember || _removed)
        {
            ClusterLog.AlreadyMember(_cluster.Log, _self.ToString(), string.Join(", ", j.SeedNodes));
            return;
        }
        var self = _self.Address;
        _seeds = j.SeedNodes.Where(s => !s.Equals(self)).Distinct().ToArray();
        _mayJoinSelf = j.SeedNodes.Count > 0 && j.SeedNodes[0].Equals(self);
        if (_seeds.Count == 0)
        {
            if (_mayJoinSelf) JoinSelf();
            return;
        }
        StartJoinRound(_mayJoinSelf ? _settings.SeedNodeTimeout : _settings.RetryUnsuccessfulJoinAfter);
    }

    private void HandleJoinTo(JoinTo j)
    {
        if (j.Address.Equals(_self.Address))
        {
            if (!IsMember && !_removed) JoinSelf();
            return;
        }
        HandleJoinSeeds(new JoinSeeds([j.Address]));
    }

    private void StartJoinRound(TimeSpan timeout)
    {
        _contact = null;
        var ask = new InitJoin(_selfWire);
        foreach (var seed in _seeds) DaemonAt(seed).Tell(ask, Self);
        Timers.StartSingleTimer("join", JoinRetry.Instance, timeout);
    }

    private void HandleJoinRetry()
    {
        if (IsMember || _removed) return;
        // The first seed heard from no other seed in time: it starts the cluster. If a seed answered but its
        // welcome did not come, the cluster exists somewhere and this node keeps asking instead.
        if (_mayJoinSelf && _contact is null)
        {
            JoinSelf();
            return;
        }
        StartJoinRound(_settings.RetryUnsuccessfulJoinAfter);
    }

    private void JoinSelf()
    {
        Timers.Cancel("join");
        var gossip = Gossip.Empty.WithMember(new Member(_self, MemberStatus.Joining, _settings.Roles, 0));
        ClusterLog.StartingCluster(_cluster.Log, _self.ToString());
        SetState(new GossipState(gossip, [_self]), gossipNow: false);
    }

    private void HandleInitJoin(InitJoin i)
    {
        var canAdmit = SelfMember is { Status: MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up } && !_removed;
        Sender.Tell(canAdmit ? new InitJoinAck(_selfWire) : new InitJoinNack(_selfWire), Self);
    }

    private void HandleInitJoinAck(InitJoinAck a)
    {
        if (IsMember || _removed || _contact is not null) return;
        _contact = TryFromWire(a.From)?.Address;
        if (_contact is null) return;
        Sender.Tell(new Join(_selfWire, _settings.Roles.Order(StringComparer.Ordinal).ToArray()), Self);
        Timers.StartSingleTimer("join", JoinRetry.Instance, _settings.RetryUnsuccessfulJoinAfter);
    }

    private void HandleJoin(Join j)
    {
        if (TryFromWire(j.From) is not { } joiner || _removed) return;
        if (SelfMember is not { Status: MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up }) return;
        var gossip = _state.Gossip;
        if (gossip.Tombstones.Contains(joiner)) return;
        var previous = gossip.Members.Values.FirstOrDefault(m => m.Address.Equals(joiner.Address) && !m.UniqueAddress.Equals(joiner));
        if (previous is not null)
        {
            // A restarted process on the same address: its previous incarnation is dead. Down it; the new one is let in
            // after the leader has removed the old (the joiner asks again meanwhile).
            if (previous.Status != MemberStatus.Down)
            {
                ClusterLog.PreviousIncarnationDowned(_cluster.Log, previous.UniqueAddress.ToString(), joiner.ToString());
                SetState(_state.Change(gossip.WithMember(previous.WithStatus(MemberStatus.Down)), _self), gossipNow: true);
            }
            return;
        }
        if (!gossip.HasMember(joiner))
        {
            var member = new Member(joiner, MemberStatus.Joining, j.Roles.ToImmutableHashSet(StringComparer.Ordinal), 0);
            SetState(_state.Change(gossip.WithMember(member), _self), gossipNow: true);
        }
        Sender.Tell(new Welcome(_selfWire, ToWire(_state)), Self);
    }

    private void HandleWelcome(Welcome w)
    {
        if (IsMember || _removed) return;
        GossipState incoming;
        try
        {
            incoming = FromWire(w.State);
        }
        catch (FormatException)
        {
            return;
        }
        if (!incoming.Gossip.HasMember(_self)) return;
        Timers.Cancel("join");
        ClusterLog.Welcomed(_cluster.Log, _self.ToString(), w.From.Address);
        SetState(_state.Receive(incoming, _self), gossipNow: true);
    }

    private static UniqueAddress? TryFromWire(NodeWire node)
    {
        try
        {
            return FromWire(node);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
