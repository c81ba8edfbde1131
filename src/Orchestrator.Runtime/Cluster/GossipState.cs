using System.Collections.Immutable;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// A member's gossip state plus the members known to hold exactly that state (the seen set), which is
/// how convergence is detected: a seen set is only ever carried along with the state it was seen for.
/// </summary>
internal sealed record GossipState(Gossip Gossip, ImmutableSortedSet<UniqueAddress> Seen)
{
    public static readonly GossipState Empty = new(Gossip.Empty, ImmutableSortedSet<UniqueAddress>.Empty);

    /// <summary>This state after a local change to <paramref name="changed"/>: only <paramref name="self"/> has seen it.</summary>
    public GossipState Change(Gossip changed, UniqueAddress self) =>
        changed.SameAs(Gossip) ? this : new GossipState(changed, [self]);

    /// <summary>
    /// Merges <paramref name="incoming"/> into this state on <paramref name="self"/>. The seen sets of whichever
    /// side equals the merged state carry over; if the merge produced something new, only self has seen it.
    /// </summary>
    public GossipState Receive(GossipState incoming, UniqueAddress self)
    {
        var merged = Gossip.Merge(incoming.Gossip);
        var seen = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        seen.Add(self);
        var sameAsMine = merged.SameAs(Gossip);
        if (sameAsMine) seen.UnionWith(Seen);
        if (merged.SameAs(incoming.Gossip)) seen.UnionWith(incoming.Seen);
        // Keep the older object when nothing changed, so callers can compare by reference.
        var gossip = sameAsMine ? Gossip : merged;
        seen.IntersectWith(gossip.Members.Keys);
        seen.Add(self);
        return new GossipState(gossip, seen.ToImmutable());
    }

    /// <summary>True when both the state and who has seen it are the same.</summary>
    public bool SameAs(GossipState other) => Gossip.SameAs(other.Gossip) && Seen.SetEquals(other.Seen);
}
