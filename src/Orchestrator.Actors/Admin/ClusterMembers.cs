using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Actors.Admin;

/// <summary>The cluster's membership in the admin protocol's plain terms (what <see cref="GetClusterMembers"/> answers).</summary>
public static class ClusterMembers
{
    /// <summary>The members of <paramref name="state"/> as a report answered by <paramref name="self"/>.</summary>
    public static ClusterMembersListed Describe(ClusterEvent.CurrentClusterState state, Address self)
    {
        var members = state.Members.Where(m => m.Status != MemberStatus.Removed).ToList();
        var oldest = members.Where(m => m.Status == MemberStatus.Up && m.UpNumber > 0).Order(Member.AgeOrdering).FirstOrDefault();
        var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        var infos = members.Order(Member.AddressOrdering).Select(m => new ClusterMemberInfo(
            m.Address.ToString(),
            m.Status.ToString(),
            !unreachable.Contains(m.UniqueAddress),
            m.Roles.Order(StringComparer.Ordinal).ToList(),
            m.UpNumber,
            m.Address.Equals(state.Leader),
            m.Equals(oldest))).ToList();
        return new ClusterMembersListed(infos, self.ToString());
    }

    /// <summary>
    /// The report of <paramref name="system"/>'s cluster membership, or the failure a console outside any
    /// cluster answers (no remoting, or the process has not joined).
    /// </summary>
    public static object Of(ActorSystem system)
    {
        Cluster cluster;
        try
        {
            cluster = Cluster.Get(system);
        }
        catch (InvalidOperationException e)
        {
            return new AdminFailed(new AdminError("ServiceUnavailable", 503, $"this process is not a cluster member: {e.Message}"));
        }

        return cluster.State.Members.Count == 0
            ? new AdminFailed(new AdminError("ServiceUnavailable", 503, $"{cluster.SelfAddress} has not joined a cluster (yet)"))
            : Describe(cluster.State, cluster.SelfAddress);
    }
}
