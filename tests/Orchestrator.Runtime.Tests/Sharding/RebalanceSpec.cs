using System.Collections.Concurrent;
using Orchestrator.Runtime.Sharding;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;

namespace Orchestrator.Runtime.Tests.Sharding;

public sealed class RebalanceSpec : ShardingSpecBase
{
    private static readonly string[] Ids = Enumerable.Range(0, 40).Select(i => "entity-" + i).ToArray();
    private readonly ConcurrentQueue<object> _lifecycle = new();

    private int ShardCount(IActorRef region) => StateOf(region).GetAwaiter().GetResult().Shards.Count;

    private void AssertEveryIncarnationStoppedBeforeTheNextStarted()
    {
        foreach (var perEntity in _lifecycle.GroupBy(e => e switch { Started s => s.EntityId, Stopped s => s.EntityId, _ => "" }))
        {
            var expected = 1;
            var running = false;
            foreach (var e in perEntity)
            {
                if (e is Started started)
                {
                    Assert.False(running, $"{started.EntityId} incarnation {started.Incarnation} started while an earlier one was running");
                    Assert.Equal(expected, started.Incarnation);
                    running = true;
                }
                else if (e is Stopped stopped)
                {
                    Assert.Equal(expected, stopped.Incarnation);
                    running = false;
                    expected++;
                }
            }
        }
    }

    [Fact]
    public void New_shards_go_to_the_region_with_the_fewest()
    {
        StartCoordinator();
        var first = StartRegion("region-1");
        var second = StartRegion("region-2");
        AwaitAssert(() => Assert.Equal("entity-0", PingThrough(second, "entity-0").EntityId));
        foreach (var id in Ids) PingThrough(first, id);
        AwaitAssert(() =>
        {
            Assert.Equal(5, ShardCount(first));
            Assert.Equal(5, ShardCount(second));
        });
    }

    [Fact]
    public void A_new_region_gets_shards_and_each_entity_stops_before_it_starts_in_its_new_home()
    {
        StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        foreach (var id in Ids) PingThrough(first, id);
        Assert.Equal(10, ShardCount(first));

        var second = StartRegion("region-2", _lifecycle.Enqueue);
        AwaitAssert(() =>
        {
            Assert.Equal(5, ShardCount(first));
            Assert.Equal(5, ShardCount(second));
        }, TimeSpan.FromSeconds(30));
        // Every entity answers again, through either region, and moved entities run in their second incarnation.
        foreach (var id in Ids) PingThrough(first, id);
        foreach (var id in Ids) PingThrough(second, id);
        Assert.Contains(_lifecycle, e => e is Started { Incarnation: 2 });
        AssertEveryIncarnationStoppedBeforeTheNextStarted();
    }

    [Fact]
    public void Messages_sent_during_hand_offs_are_all_delivered_afterwards_in_order()
    {
        StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        foreach (var id in Ids) PingThrough(first, id);
        var second = StartRegion("region-2", _lifecycle.Enqueue);
        var probe = CreateTestProbe();
        const int rounds = 50;
        for (var round = 0; round < rounds; round++)
            foreach (var id in Ids) first.Tell(new ShardEnvelope(id, new Ping(round.ToString())), probe.Ref);
        var answers = probe.ReceiveN(rounds * Ids.Length, TimeSpan.FromSeconds(60)).Cast<Echoed>().ToList();
        foreach (var perEntity in answers.GroupBy(a => a.EntityId))
        {
            var received = perEntity.Select(a => int.Parse(a.Payload)).ToList();
            Assert.Equal(Enumerable.Range(0, rounds).ToList(), received);
        }
        AwaitAssert(() => Assert.Equal(5, ShardCount(second)), TimeSpan.FromSeconds(30));
        AssertEveryIncarnationStoppedBeforeTheNextStarted();
    }

    [Fact]
    public void The_shards_of_a_stopped_region_are_allocated_to_the_remaining_one()
    {
        StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        var second = StartRegion("region-2", _lifecycle.Enqueue);
        foreach (var id in Ids) PingThrough(first, id);
        AwaitAssert(() => Assert.Equal(5, ShardCount(second)));
        StopAndWait(second);
        foreach (var id in Ids) PingThrough(first, id);
        AwaitAssert(() => Assert.Equal(10, ShardCount(first)));
        AssertEveryIncarnationStoppedBeforeTheNextStarted();
    }

    [Fact]
    public void A_coordinator_that_starts_again_recovers_its_allocations_and_moves_nothing()
    {
        Settings = Settings with { RebalanceInterval = TimeSpan.FromHours(1) };
        var coordinator = StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        var second = StartRegion("region-2", _lifecycle.Enqueue);
        AwaitAssert(() => PingThrough(second, "warm-up"));
        foreach (var id in Ids) PingThrough(first, id);
        var before = (ShardCount(first), ShardCount(second));

        StopAndWait(coordinator);
        StartCoordinator();
        // A proxy that never saw the old coordinator learns every home from the recovered one.
        var proxy = StartProxy("proxy");
        foreach (var id in Ids) Assert.Equal(1, PingThrough(proxy, id).Incarnation);
        Assert.Equal(before, (ShardCount(first), ShardCount(second)));
        Assert.DoesNotContain(_lifecycle, e => e is Stopped);
    }

    [Fact]
    public void A_coordinator_whose_journal_names_a_region_of_an_earlier_run_sends_no_message_to_it()
    {
        var coordinator = StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        foreach (var id in Ids) PingThrough(first, id);
        // The coordinator stops first, so its journal still allocates every shard to region-1.
        StopAndWait(coordinator);
        StopAndWait(first);

        StartCoordinator();
        var second = StartRegion("region-2", _lifecycle.Enqueue);
        // Each message is sent once: none may be routed to the region that is gone.
        foreach (var id in Ids) Assert.Equal(2, PingThrough(second, id).Incarnation);
    }
}
