using Orchestrator.Runtime.Sharding;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>The pure parts: the stable hash, the allocation strategy and the coordinator's state transitions.</summary>
public sealed class ShardingPureSpec : TestKit.TestKit
{
    private IActorRef Region(string name) => new Orchestrator.Runtime.Remoting.EmptyLocalActorRef(Sys, new RootActorPath(Sys.Address) / "system" / name);

    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void The_hash_is_FNV_1a_and_the_same_in_every_process(string id, uint expected) =>
        Assert.Equal(expected, HashCodeMessageExtractor.StableHash(id));

    [Fact]
    public void The_default_extractor_puts_an_entity_and_its_start_in_the_same_shard_within_range()
    {
        var extractor = new HashCodeMessageExtractor(7);
        for (var i = 0; i < 500; i++)
        {
            var id = "pod/default/web-" + i;
            var shard = extractor.ShardId(new ShardEnvelope(id, "x"));
            Assert.Equal(shard, extractor.ShardId(new StartEntity(id)));
            Assert.InRange(int.Parse(shard), 0, 6);
        }
        Assert.Equal("x", extractor.EntityMessage(new ShardEnvelope("id", "x")));
        Assert.Null(extractor.EntityId("plain"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashCodeMessageExtractor(0));
    }

    [Theory]
    [InlineData(new[] { 3, 1, 2 }, 1)]
    [InlineData(new[] { 0, 0, 4 }, 0)]
    [InlineData(new[] { 2, 2 }, 0)]
    public void A_new_shard_goes_to_the_region_with_the_fewest_shards(int[] counts, int expectedRegion)
    {
        var regions = counts.Select((_, i) => Region("r" + i)).ToArray();
        var allocation = Allocation(regions, counts);
        var chosen = new LeastShardAllocationStrategy(1, 3).AllocateShard(regions[0], "new", allocation);
        Assert.Equal(regions[expectedRegion], chosen);
    }

    [Theory]
    [InlineData(new[] { 10, 0 }, 1, 3, 0, 3)]
    [InlineData(new[] { 10, 0 }, 1, 3, 2, 1)]
    [InlineData(new[] { 4, 0 }, 1, 3, 0, 2)]
    [InlineData(new[] { 3, 2 }, 1, 3, 0, 0)]
    [InlineData(new[] { 6, 3 }, 5, 3, 0, 0)]
    [InlineData(new[] { 9, 3 }, 5, 3, 0, 3)]
    [InlineData(new[] { 5 }, 1, 3, 0, 0)]
    public void A_rebalance_moves_shards_from_the_fullest_region_within_the_limits(int[] counts, int threshold, int maxSimultaneous, int inProgress, int expectedMoves)
    {
        var regions = counts.Select((_, i) => Region("r" + i)).ToArray();
        var allocation = Allocation(regions, counts);
        var moving = allocation[regions[0]].Take(inProgress).ToHashSet();
        var moves = new LeastShardAllocationStrategy(threshold, maxSimultaneous).Rebalance(allocation, moving);
        Assert.Equal(expectedMoves, moves.Count);
        Assert.All(moves, s => Assert.Contains(s, allocation[regions[0]]));
        Assert.Empty(moves.Intersect(moving));
    }

    [Fact]
    public void Coordinator_state_follows_its_events_and_ignores_those_that_do_not_fit()
    {
        var (a, b) = (Region("a"), Region("b"));
        var state = CoordinatorState.Empty
            .Apply(new CoordinatorEvents.ShardRegionRegistered(a))
            .Apply(new CoordinatorEvents.ShardRegionRegistered(b))
            .Apply(new CoordinatorEvents.ShardHomeAllocated("1", a))
            .Apply(new CoordinatorEvents.ShardHomeAllocated("2", b))
            .Apply(new CoordinatorEvents.ShardHomeAllocated("1", b)); // already allocated: ignored
        Assert.Equal(a, state.Shards["1"]);
        Assert.Equal(["2"], state.Regions[b]);

        state = state.Apply(new CoordinatorEvents.ShardHomeDeallocated("1")).Apply(new CoordinatorEvents.ShardRegionTerminated(b));
        Assert.Empty(state.Shards);
        Assert.Equal([a], state.Regions.Keys);
        Assert.Empty(state.Regions[a]);
        Assert.Same(state, state.Apply(new CoordinatorEvents.ShardHomeAllocated("3", b)));
    }

    private static Dictionary<IActorRef, IReadOnlyList<string>> Allocation(IActorRef[] regions, int[] counts)
    {
        var next = 0;
        return regions.Select((r, i) => (r, Shards: (IReadOnlyList<string>)Enumerable.Range(0, counts[i]).Select(_ => "s" + next++).ToList()))
            .ToDictionary(x => x.r, x => x.Shards);
    }
}
