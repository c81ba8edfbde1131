namespace Orchestrator.Actors.Admin;

/// <summary><c>orchctl cluster members</c>: the cluster's members as the answering console's member sees them. Replies <see cref="ClusterMembersListed"/>.</summary>
public sealed record GetClusterMembers : IAdminRequest;

/// <summary>The members, in address order.</summary>
/// <param name="Members">Every member the answering member knows, removed ones excepted.</param>
/// <param name="AnsweredBy">The address of the member whose console answered.</param>
public sealed record ClusterMembersListed(IReadOnlyList<ClusterMemberInfo> Members, string AnsweredBy);

/// <summary>One member.</summary>
/// <param name="Address">Its cluster address, <c>orch.tcp://system@host:port</c>.</param>
/// <param name="Status">Joining, WeaklyUp, Up, Leaving, Exiting, Down or Removed.</param>
/// <param name="Reachable">False while some member's failure detector holds it unreachable.</param>
/// <param name="Roles">Its roles, sorted.</param>
/// <param name="UpNumber">The order in which it became Up (1 = first; 0 = not Up yet); the lowest is the oldest.</param>
/// <param name="Leader">It is the cluster's leader (moves members between states).</param>
/// <param name="Oldest">It is the oldest Up member: the one that runs the control plane's singletons.</param>
public sealed record ClusterMemberInfo(string Address, string Status, bool Reachable, IReadOnlyList<string> Roles, int UpNumber, bool Leader, bool Oldest);
