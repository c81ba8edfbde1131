using static Orchestrator.Runtime.Sharding.CoordinatorProtocol;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Moves one shard away from <c>from</c>, for the coordinator: first every region forgets the shard's home and
/// holds its messages (BeginHandOff, acknowledged by each), then the hosting region stops the shard (HandOff)
/// and answers ShardStopped once every entity is gone. Only then does the coordinator free the shard, so its
/// next home starts after the old one has stopped. Reports <see cref="RebalanceDone"/> to its parent and stops.
/// </summary>
internal sealed class RebalanceWorker : ReceiveActor, IWithTimers
{
    private readonly string _shard;
    private readonly IActorRef _from;
    private readonly HashSet<IActorRef> _awaitingAck;
    private readonly TimeSpan _handOffTimeout;
    private bool _handOffSent;

    /// <summary>The shard's hand-off finished (<paramref name="Ok"/>) or was given up.</summary>
    public sealed record RebalanceDone(string Shard, bool Ok);

    private sealed record Timeout;

    public RebalanceWorker(string shard, IActorRef from, IReadOnlyCollection<IActorRef> regions, TimeSpan handOffTimeout)
    {
        _shard = shard;
        _from = from;
        _awaitingAck = regions.ToHashSet();
        Receive<BeginHandOffAck>(HandleAck, a => a.Shard == _shard);
        Receive<ShardStopped>(_ => Done(true), s => s.Shard == _shard);
        Receive<Terminated>(HandleTerminated);
        Receive<Timeout>(_ => Done(false));
        _handOffTimeout = handOffTimeout;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartSingleTimer("timeout", new Timeout(), _handOffTimeout);
        foreach (var region in _awaitingAck)
        {
            Context.Watch(region);
            region.Tell(new BeginHandOff(_shard), Self);
        }
        if (!_awaitingAck.Contains(_from)) Context.Watch(_from);
        SendHandOffWhenAcked();
    }

    private void HandleAck(BeginHandOffAck ack)
    {
        _awaitingAck.Remove(Sender);
        SendHandOffWhenAcked();
    }

    private void HandleTerminated(Terminated t)
    {
        // A region that is gone cannot route the shard's messages any more; a hosting region that is gone has stopped the shard.
        if (t.ActorRef.Equals(_from))
        {
            Done(true);
            return;
        }
        _awaitingAck.Remove(t.ActorRef);
        SendHandOffWhenAcked();
    }

    private void SendHandOffWhenAcked()
    {
        if (_handOffSent || _awaitingAck.Count > 0) return;
        _handOffSent = true;
        _from.Tell(new HandOff(_shard), Self);
    }

    private void Done(bool ok)
    {
        Context.Parent.Tell(new RebalanceDone(_shard, ok), Self);
        Context.Stop(Self);
    }
}
