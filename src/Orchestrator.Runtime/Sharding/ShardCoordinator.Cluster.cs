using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Sharding;

/// <summary>The coordinator in a cluster: a removed member's regions count as stopped at once.</summary>
internal sealed partial class ShardCoordinator
{
    /// <summary>The singleton manager's termination message: a command, so a write in flight completes before the stop.</summary>
    public sealed record CoordinatorStop;

    protected override void PreStart()
    {
        if (_inCluster) Cluster.Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberRemoved));
    }

    protected override void PostStop()
    {
        if (_inCluster) Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }

    /// <summary>
    /// Remote death watch would report a killed member's regions only after the transport gives up; the cluster
    /// removes it sooner (failure detector, then the split-brain resolver's downing), and a removed member runs no entity.
    /// </summary>
    private void HandleMemberRemoved(MemberRemoved removed)
    {
        var address = removed.Member.Address;
        foreach (var region in _state.Regions.Keys.Where(r => r.Path.Address.Equals(address)).ToList())
            HandleTerminated(new Terminated(region, ExistenceConfirmed: true, AddressTerminated: true));
        foreach (var proxy in _state.RegionProxies.Where(r => r.Path.Address.Equals(address)).ToList())
            HandleTerminated(new Terminated(proxy, ExistenceConfirmed: true, AddressTerminated: true));
    }
}
