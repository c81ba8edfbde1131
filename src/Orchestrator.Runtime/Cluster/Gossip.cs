using System.Collections.Immutable;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The membership state every member gossips: members with status and up-number, tombstones of removed
/// incarnations, and each observer's reachability row. Merging is a join of a semilattice (a member's
/// status only moves forward, so the later one wins; tombstones only grow; each row is owned by its
/// observer and versioned): merge is commutative, associative and idempotent, so any exchange order
/// reaches the same state and no vector clock is needed. See docs/cluster.md.
/// </summary>
internal sealed class Gossip
{
    public static readonly Gossip Empty = new(
        ImmutableSortedDictionary<UniqueAddress, Member>.Empty,
        ImmutableSortedSet<UniqueAddress>.Empty,
        ImmutableSortedDictionary<UniqueAddress, ReachabilityRow>.Empty);

    public Gossip(
        ImmutableSortedDictionary<UniqueAddress, Member> members,
        ImmutableSortedSet<UniqueAddress> tombstones,
        ImmutableSortedDictionary<UniqueAddress, ReachabilityRow> reachability)
    {
        Members = members;
        Tombstones = tombstones;
        Reachability = reachability;
    }

    /// <summary>Current members by incarnation, in address order.</summary>
    public ImmutableSortedDictionary<UniqueAddress, Member> Members { get; }

    /// <summary>Removed incarnations; they never come back, whatever stale gossip says.</summary>
    public ImmutableSortedSet<UniqueAddress> Tombstones { get; }

    /// <summary>Each observer's row.</summary>
    public ImmutableSortedDictionary<UniqueAddress, ReachabilityRow> Reachability { get; }

    public Member? MemberOf(UniqueAddress node) => Members.GetValueOrDefault(node);

    public bool HasMember(UniqueAddress node) => Members.ContainsKey(node);

    /// <summary>
    /// Members that some observer cannot hear. Only rows of members that still take part (not Down, not
    /// Exiting) count: a downed member's last opinion must not keep others unreachable.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> Unreachable
    {
        get
        {
            var result = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
            foreach (var (observer, row) in Reachability)
            {
                if (Members.GetValueOrDefault(observer) is not { Status: not (MemberStatus.Down or MemberStatus.Exiting) }) continue;
                foreach (var subject in row.Unreachable)
                    if (Members.ContainsKey(subject)) result.Add(subject);
            }
            return result.ToImmutable();
        }
    }

    /// <summary>This state with <paramref name="member"/> added or replaced (unless its incarnation was removed).</summary>
    /// <remarks>Remove, then add: SetItem would keep the old member, which equals the new one by incarnation.</remarks>
    public Gossip WithMember(Member member) =>
        Tombstones.Contains(member.UniqueAddress) ? this : new Gossip(Members.Remove(member.UniqueAddress).Add(member.UniqueAddress, member), Tombstones, Reachability);

    /// <summary>This state with <paramref name="node"/> removed for good: a tombstone, and its row dropped.</summary>
    public Gossip Remove(UniqueAddress node) =>
        new(Members.Remove(node), Tombstones.Add(node), Reachability.Remove(node));

    /// <summary>This state with <paramref name="observer"/>'s row saying it cannot hear <paramref name="unreachable"/> (new version when it changed).</summary>
    public Gossip WithObservation(UniqueAddress observer, IEnumerable<UniqueAddress> unreachable)
    {
        var set = unreachable.ToImmutableSortedSet();
        var row = Reachability.GetValueOrDefault(observer) ?? ReachabilityRow.Empty;
        if (row.Unreachable.SetEquals(set)) return this;
        return new Gossip(Members, Tombstones, Reachability.SetItem(observer, new ReachabilityRow(row.Version + 1, set)));
    }

    /// <summary>The join of this state and <paramref name="other"/>.</summary>
    public Gossip Merge(Gossip other)
    {
        var tombstones = Tombstones.Union(other.Tombstones);
        var members = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, Member>();
        foreach (var (node, mine) in Members)
        {
            if (tombstones.Contains(node)) continue;
            members[node] = other.Members.TryGetValue(node, out var theirs) ? MergeMember(mine, theirs) : mine;
        }
        foreach (var (node, theirs) in other.Members)
            if (!tombstones.Contains(node) && !members.ContainsKey(node)) members[node] = theirs;
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ReachabilityRow>();
        foreach (var (observer, mine) in Reachability)
        {
            if (tombstones.Contains(observer)) continue;
            rows[observer] = other.Reachability.TryGetValue(observer, out var theirs) && theirs.Version > mine.Version ? theirs : mine;
        }
        foreach (var (observer, theirs) in other.Reachability)
            if (!tombstones.Contains(observer) && !rows.ContainsKey(observer)) rows[observer] = theirs;
        return new Gossip(members.ToImmutable(), tombstones, rows.ToImmutable());
    }

    /// <summary>
    /// The later status wins. Up-numbers: 0 (never Up) yields to any number; two numbers (two leaders on two
    /// sides of a partition each moved the member Up) resolve to the lower, so both sides agree.
    /// </summary>
    internal static Member MergeMember(Member a, Member b)
    {
        var status = (MemberStatus)Math.Max((int)a.Status, (int)b.Status);
        var upNumber = a.UpNumber == 0 ? b.UpNumber : b.UpNumber == 0 ? a.UpNumber : Math.Min(a.UpNumber, b.UpNumber);
        if (status == a.Status && upNumber == a.UpNumber) return a;
        if (status == b.Status && upNumber == b.UpNumber) return b;
        return new Member(a.UniqueAddress, status, a.Roles, upNumber);
    }

    /// <summary>True when both states hold the same members (status and up-number), tombstones and rows.</summary>
    public bool SameAs(Gossip other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Members.Count != other.Members.Count || Tombstones.Count != other.Tombstones.Count || Reachability.Count != other.Reachability.Count) return false;
        foreach (var (node, m) in Members)
            if (!other.Members.TryGetValue(node, out var o) || o.Status != m.Status || o.UpNumber != m.UpNumber) return false;
        if (!Tombstones.SetEquals(other.Tombstones)) return false;
        foreach (var (observer, row) in Reachability)
            if (!other.Reachability.TryGetValue(observer, out var o) || !o.SameAs(row)) return false;
        return true;
    }

    public override string ToString() =>
        $"Gossip(members: [{string.Join(", ", Members.Values)}], unreachable: [{string.Join(", ", Unreachable)}], tombstones: {Tombstones.Count})";
}
