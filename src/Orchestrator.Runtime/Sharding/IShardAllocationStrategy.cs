namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Decides where new shards go and which shards move. Pure: it sees the current allocation (every registered
/// region that may take shards, with the shards it holds, including empty regions) and returns a decision;
/// the coordinator carries it out.
/// </summary>
public interface IShardAllocationStrategy
{
    /// <summary>The region that gets <paramref name="shardId"/>, which <paramref name="requester"/> asked for.</summary>
    IActorRef AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentAllocations);

    /// <summary>Shards to move now; <paramref name="rebalanceInProgress"/> are moving already and must not be returned.</summary>
    IReadOnlySet<string> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentAllocations, IReadOnlySet<string> rebalanceInProgress);
}
