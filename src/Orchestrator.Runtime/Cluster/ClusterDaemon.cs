using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The cluster's actor on each member (<c>/system/cluster</c>): it owns this member's gossip state,
/// runs the join protocol, gossips, runs the leader's actions and publishes events to subscribers.
/// </summary>
internal sealed partial class ClusterDaemon : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly List<(IActorRef Subscriber, IReadOnlyList<Type> To)> _subscribers = [];

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        Receive<SubscribeEvents>(HandleSubscribe);
        Receive<UnsubscribeEvents>(u => _subscribers.RemoveAll(s => s.Subscriber.Equals(u.Subscriber)));
    }

    private void HandleSubscribe(SubscribeEvents s)
    {
        _subscribers.RemoveAll(x => x.Subscriber.Equals(s.Subscriber));
        _subscribers.Add((s.Subscriber, s.To));
        if (s.Mode == SubscriptionInitialStateMode.InitialStateAsSnapshot) s.Subscriber.Tell(_cluster.State, Self);
    }
}
