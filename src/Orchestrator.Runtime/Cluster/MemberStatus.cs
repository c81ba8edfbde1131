namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// Where a member is in its life. A member only ever moves forward in this order (Down may follow any
/// earlier status), which is what lets two gossip states merge by taking the later status of each member.
/// </summary>
public enum MemberStatus
{
    /// <summary>Has asked to join; the leader moves it to Up once the cluster has converged.</summary>
    Joining = 0,

    /// <summary>Joined while convergence was blocked by unreachable members; Up once it converges.</summary>
    WeaklyUp = 1,

    /// <summary>A full member.</summary>
    Up = 2,

    /// <summary>Asked to leave gracefully; the leader moves it to Exiting.</summary>
    Leaving = 3,

    /// <summary>Leaving and seen so by everyone; the leader removes it next.</summary>
    Exiting = 4,

    /// <summary>Declared dead (by an operator or the split-brain resolver); the leader removes it.</summary>
    Down = 5,

    /// <summary>Gone from the cluster for good; this incarnation can never come back.</summary>
    Removed = 6,
}
