namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// New shards go to the region with the fewest shards. A rebalance moves shards from the fullest to the
/// emptiest region when their counts differ by at least <c>rebalanceThreshold</c> (and at least 2), at most
/// <c>maxSimultaneousRebalance</c> at a time, and never so many that the two would swap places.
/// </summary>
public sealed class LeastShardAllocationStrategy : IShardAllocationStrategy
{
    private readonly int _rebalanceThreshold;
    private readonly int _maxSimultaneousRebalance;

    /// <summary>Creates the strategy.</summary>
    public LeastShardAllocationStrategy(int rebalanceThreshold, int maxSimultaneousRebalance)
    {
        if (rebalanceThreshold < 1) throw new ArgumentOutOfRangeException(nameof(rebalanceThreshold), rebalanceThreshold, "must be at least 1");
        if (maxSimultaneousRebalance < 1) throw new ArgumentOutOfRangeException(nameof(maxSimultaneousRebalance), maxSimultaneousRebalance, "must be at least 1");
        _rebalanceThreshold = rebalanceThreshold;
        _maxSimultaneousRebalance = maxSimultaneousRebalance;
    }

    /// <inheritdoc />
    public IActorRef AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentAllocations)
    {
        if (currentAllocations.Count == 0)
            throw new InvalidOperationException($"Shard {shardId} cannot be allocated: no region is registered.");
        // Ties go to the requester (its messages need no extra hop), then by path so every run decides alike.
        return currentAllocations
            .OrderBy(r => r.Value.Count)
            .ThenBy(r => r.Key.Equals(requester) ? 0 : 1)
            .ThenBy(r => r.Key.Path.ToString(), StringComparer.Ordinal)
            .First().Key;
    }

    /// <inheritdoc />
    public IReadOnlySet<string> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentAllocations, IReadOnlySet<string> rebalanceInProgress)
    {
        var room = _maxSimultaneousRebalance - rebalanceInProgress.Count;
        if (room <= 0 || currentAllocations.Count < 2) return new HashSet<string>();
        var counts = currentAllocations
            .Select(r => (Region: r.Key, Shards: r.Value.Where(s => !rebalanceInProgress.Contains(s)).ToList()))
            .OrderBy(r => r.Shards.Count)
            .ThenBy(r => r.Region.Path.ToString(), StringComparer.Ordinal)
            .ToList();
        var least = counts[0];
        var most = counts[^1];
        var difference = most.Shards.Count - least.Shards.Count;
        // A difference of one cannot be evened out: moving a shard would only swap the two regions, forever.
        if (difference < Math.Max(2, _rebalanceThreshold)) return new HashSet<string>();
        var moves = Math.Min(room, Math.Max(1, difference / 2));
        return most.Shards.OrderBy(s => s, StringComparer.Ordinal).Take(moves).ToHashSet();
    }
}
