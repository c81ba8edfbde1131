using System.Collections.Concurrent;
using Orchestrator.Runtime.Sharding;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;

namespace Orchestrator.Runtime.Tests.Sharding;

public sealed class RememberEntitiesSpec : ShardingSpecBase
{
    private readonly ConcurrentQueue<object> _lifecycle = new();

    public RememberEntitiesSpec() => Settings = Settings with { RememberEntities = true, RebalanceInterval = TimeSpan.FromHours(1) };

    private IReadOnlyList<string> RunningIn(IActorRef region) =>
        StateOf(region).GetAwaiter().GetResult().Shards.SelectMany(s => s.EntityIds).Order().ToList();

    [Fact]
    public void Remembered_entities_start_again_without_a_message_when_their_region_is_gone()
    {
        StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            first.Tell(new StartEntity(id), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
        }
        var second = StartRegion("region-2", _lifecycle.Enqueue);
        AwaitAssert(() => PingThrough(second, "r1"));
        StopAndWait(first);

        AwaitAssert(() => Assert.Equal(["r1", "r2", "r3"], RunningIn(second)), TimeSpan.FromSeconds(20));
        Assert.Equal(2, _lifecycle.OfType<Started>().Count(s => s.EntityId == "r2"));
    }

    [Fact]
    public void A_passivated_entity_is_forgotten_and_not_started_again()
    {
        StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        PingThrough(first, "stays");
        PingThrough(first, "goes");
        first.Tell(new ShardEnvelope("goes", new PassivateMe()), TestActor);
        ExpectMsg<PassivateMe>();
        AwaitCondition(() => _lifecycle.Contains(new Stopped("goes", 1)));
        StopAndWait(first);

        var second = StartRegion("region-2", _lifecycle.Enqueue);
        AwaitAssert(() => Assert.Equal(["stays"], RunningIn(second)), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void The_remembered_set_survives_a_coordinator_restart_and_a_region_restart()
    {
        var coordinator = StartCoordinator();
        var first = StartRegion("region-1", _lifecycle.Enqueue);
        foreach (var id in new[] { "a", "b", "c", "d" }) PingThrough(first, id);
        StopAndWait(first);
        StopAndWait(coordinator);

        StartCoordinator();
        var again = StartRegion("region-1", _lifecycle.Enqueue);
        AwaitAssert(() => Assert.Equal(["a", "b", "c", "d"], RunningIn(again)), TimeSpan.FromSeconds(20));
    }
}
