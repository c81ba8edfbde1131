using System.Collections.Immutable;
using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Runtime.Tests.Cluster;

/// <summary>Builders for members and gossip states in pure tests: node "a" has port 1, "b" port 2, and so on.</summary>
internal static class TestMembers
{
    public static UniqueAddress Node(char name, long uid = 1) =>
        new(new Address("orch.tcp", "sys", "127.0.0.1", name - 'a' + 1), uid);

    public static Member Member(char name, MemberStatus status, int upNumber = 0, params string[] roles) =>
        new(Node(name), status, roles.ToImmutableHashSet(), upNumber);

    public static Member Up(char name, int upNumber) => Member(name, MemberStatus.Up, upNumber);

    public static Gossip Gossip(params Member[] members) =>
        members.Aggregate(Runtime.Cluster.Gossip.Empty, (g, m) => g.WithMember(m));

    /// <summary><paramref name="gossip"/> where <paramref name="observer"/> cannot hear <paramref name="unreachable"/>.</summary>
    public static Gossip Unreachable(this Gossip gossip, char observer, params char[] unreachable) =>
        gossip.WithObservation(Node(observer), unreachable.Select(u => Node(u)));

    public static ImmutableSortedSet<UniqueAddress> Seen(params char[] names) => names.Select(n => Node(n)).ToImmutableSortedSet();
}
