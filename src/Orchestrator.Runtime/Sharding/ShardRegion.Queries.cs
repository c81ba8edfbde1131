using static Orchestrator.Runtime.Sharding.CoordinatorProtocol;
using static Orchestrator.Runtime.Sharding.ShardMessages;

namespace Orchestrator.Runtime.Sharding;

/// <summary>The region's answers to state and stats queries; they ask the shards (and other regions) without blocking.</summary>
internal sealed partial class ShardRegion
{
    private static readonly TimeSpan ShardQueryTimeout = TimeSpan.FromSeconds(5);

    private Task<ShardState[]> AskShards() =>
        Task.WhenAll(_shards.Values.Select(s => s.Ask<ShardState>(new GetShardState(), ShardQueryTimeout)));

    private void ReplyRegionState() =>
        AskShards().PipeTo(Sender, Self, states => new CurrentShardRegionState(states.OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList()));

    private void ReplyRegionStats() =>
        AskShards().PipeTo(Sender, Self, states => new ShardRegionStats(states.ToDictionary(s => s.ShardId, s => s.EntityIds.Count)));

    private void ReplyClusterStats(TimeSpan timeout)
    {
        if (_coordinator is not { } coordinator)
        {
            Sender.Tell(new ClusterShardingStats(new Dictionary<string, ShardRegionStats>()), Self);
            return;
        }
        CollectClusterStats(coordinator, timeout).PipeTo(Sender, Self);
    }

    private static async Task<ClusterShardingStats> CollectClusterStats(IActorRef coordinator, TimeSpan timeout)
    {
        var regions = await coordinator.Ask<CurrentRegions>(new GetCurrentRegions(), timeout).ConfigureAwait(false);
        var answers = await Task.WhenAll(regions.Regions.Select(async r =>
        {
            try
            {
                return (Region: r, Stats: (ShardRegionStats?)await r.Ask<ShardRegionStats>(GetShardRegionStats.Instance, timeout).ConfigureAwait(false));
            }
            catch (AskTimeoutException)
            {
                return (Region: r, Stats: null);
            }
        })).ConfigureAwait(false);
        return new ClusterShardingStats(answers.Where(a => a.Stats is not null).ToDictionary(a => a.Region.Path.ToString(), a => a.Stats!));
    }
}
