namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// A member of the cluster as one gossip state knows it. Two members are equal when they are the same
/// incarnation (<see cref="UniqueAddress"/>), whatever their status: sets of members hold one entry per node.
/// </summary>
public sealed class Member : IEquatable<Member>
{
    /// <summary>Orders members by age: the oldest (lowest up-number, ties by address) first.</summary>
    public static readonly IComparer<Member> AgeOrdering = Comparer<Member>.Create(static (a, b) =>
        a.IsOlderThan(b) ? -1 : b.IsOlderThan(a) ? 1 : 0);

    /// <summary>Orders members by address, then uid (the order of <see cref="ClusterEvent.CurrentClusterState.Members"/>).</summary>
    public static readonly IComparer<Member> AddressOrdering = Comparer<Member>.Create(static (a, b) => a.UniqueAddress.CompareTo(b.UniqueAddress));

    /// <summary>Creates a member (tests and the gossip protocol; applications read members from cluster state).</summary>
    public Member(UniqueAddress uniqueAddress, MemberStatus status, IReadOnlySet<string> roles, int upNumber)
    {
        UniqueAddress = uniqueAddress;
        Status = status;
        Roles = roles;
        UpNumber = upNumber;
    }

    /// <summary>The member's incarnation.</summary>
    public UniqueAddress UniqueAddress { get; }

    /// <summary>The member's network address.</summary>
    public Address Address => UniqueAddress.Address;

    /// <summary>Where the member is in its life.</summary>
    public MemberStatus Status { get; }

    /// <summary>The roles the member declared when it joined (<c>orchestrator.cluster.roles</c>).</summary>
    public IReadOnlySet<string> Roles { get; }

    /// <summary>
    /// The order in which the leader moved members to Up (1 = first); 0 while the member has not been Up.
    /// Lower means older; the oldest member hosts singletons.
    /// </summary>
    public int UpNumber { get; }

    /// <summary>True when the member declared <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>
    /// True when this member became Up before <paramref name="other"/> (lower up-number; equal up-numbers,
    /// which two leaders on two sides of a partition can hand out, are ordered by address).
    /// A member that has not been Up (up-number 0) is younger than every member that has.
    /// </summary>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = UpNumber == 0 ? int.MaxValue : UpNumber;
        var theirs = other.UpNumber == 0 ? int.MaxValue : other.UpNumber;
        if (mine != theirs) return mine < theirs;
        return UniqueAddress.CompareTo(other.UniqueAddress) < 0;
    }

    /// <summary>This member with another status.</summary>
    internal Member WithStatus(MemberStatus status) => status == Status ? this : new Member(UniqueAddress, status, Roles, UpNumber);

    /// <summary>This member moved to Up with <paramref name="upNumber"/>.</summary>
    internal Member MovedUp(int upNumber) => new(UniqueAddress, MemberStatus.Up, Roles, upNumber);

    /// <inheritdoc />
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Member m && Equals(m);

    /// <inheritdoc />
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    /// <inheritdoc />
    public override string ToString() =>
        $"Member({UniqueAddress}, {Status}{(UpNumber > 0 ? $", up #{UpNumber}" : "")}{(Roles.Count > 0 ? ", roles " + string.Join(",", Roles.Order(StringComparer.Ordinal)) : "")})";
}
