using Orchestrator.Runtime.Singleton;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Finds the coordinator in a cluster: it runs as a singleton on the oldest Up member with the type's role,
/// at <c>/system/sharding-{type}-coordinator/singleton</c>. Follows member events; a region whose coordinator
/// stopped registers again with wherever the oldest member now is (its retry interval covers the gap until the
/// new instance runs).
/// </summary>
internal sealed class ClusterCoordinatorLocator(string typeName, string role) : ICoordinatorLocator
{
    private readonly OldestMembers _members = new(role);
    private IActorContext? _context;

    /// <summary>The coordinator's path below the member's address.</summary>
    public static string CoordinatorPath(string typeName) => "/system/" + ClusterSharding.RegionName(typeName) + "-coordinator/" + CoordinatorSingletonName;

    public const string CoordinatorSingletonName = "singleton";

    public void Start(IActorContext context)
    {
        _context = context;
        Cluster.Cluster.Get(context.System).Subscribe(context.Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(IMemberEvent));
    }

    public bool Handle(object message)
    {
        switch (message)
        {
            case CurrentClusterState state:
                _members.Reset(state);
                return true;
            case IMemberEvent e:
                _members.Apply(e);
                return true;
            default:
                return false;
        }
    }

    public void TellCoordinator(object message, IActorRef sender)
    {
        if (_context is null || _members.OldestUp is not { } oldest) return;
        _context.ActorSelection(oldest.Address + CoordinatorPath(typeName)).Tell(message, sender);
    }
}
