using System.Collections.Immutable;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// What one observer's failure detector says: the members it cannot hear. Only the observer changes its
/// row, bumping <see cref="Version"/> each time, so two copies merge by keeping the higher version.
/// </summary>
internal sealed record ReachabilityRow(long Version, ImmutableSortedSet<UniqueAddress> Unreachable)
{
    public static readonly ReachabilityRow Empty = new(0, ImmutableSortedSet<UniqueAddress>.Empty);

    public bool SameAs(ReachabilityRow other) => Version == other.Version && Unreachable.SetEquals(other.Unreachable);
}
