using Orchestrator.Runtime.Event;
using Orchestrator.Runtime.Sharding;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;

namespace Orchestrator.Runtime.Tests.Sharding;

public sealed class ShardRegionSpec : ShardingSpecBase
{
    private IActorRef StartEchoType(Action<object>? lifecycle = null, ClusterShardingSettings? settings = null)
    {
        var incarnations = EntityIncarnations;
        return ClusterSharding.Get(Sys).Start(TypeName, id => Props.Create(() => new Echo(id, incarnations, lifecycle)),
            settings ?? Settings, Extractor(), handOffStopMessage: new Stop());
    }

    [Fact]
    public void A_message_reaches_its_entity_and_the_entity_answers_the_sender()
    {
        var region = StartEchoType();
        region.Tell(new ShardEnvelope("a", new Ping("hi")), TestActor);
        Assert.Equal(new Echoed("a", "hi", 1), ExpectMsg<Echoed>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Messages_sent_before_the_shard_home_is_known_arrive_in_order()
    {
        var region = StartEchoType();
        for (var i = 0; i < 200; i++) region.Tell(new ShardEnvelope("e" + (i % 7), new Ping(i.ToString())), TestActor);
        var answers = ReceiveN(200, TimeSpan.FromSeconds(15)).Cast<Echoed>().ToList();
        foreach (var perEntity in answers.GroupBy(a => a.EntityId))
        {
            var payloads = perEntity.Select(a => int.Parse(a.Payload)).ToList();
            Assert.Equal(payloads.Order().ToList(), payloads);
            Assert.All(perEntity, a => Assert.Equal(1, a.Incarnation));
        }
    }

    [Fact]
    public async Task Entities_are_created_on_demand_and_listed_in_the_region_state()
    {
        var region = StartEchoType();
        Assert.Empty((await StateOf(region)).Shards);
        foreach (var id in new[] { "x", "y", "z" }) PingThrough(region, id);
        var state = await StateOf(region);
        Assert.Equal(["x", "y", "z"], state.Shards.SelectMany(s => s.EntityIds).Order().ToList());
        Assert.All(state.Shards, s => Assert.All(s.EntityIds, id => Assert.Equal(HashCodeMessageExtractor.ShardIdOf(id, 10), s.ShardId)));
        var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, stats.Stats.Values.Sum());
    }

    [Fact]
    public void StartEntity_starts_the_entity_and_is_acknowledged()
    {
        var lifecycle = CreateTestProbe();
        var region = StartEchoType(m => lifecycle.Ref.Tell(m));
        region.Tell(new StartEntity("warm"), TestActor);
        Assert.Equal(new StartEntityAck("warm", HashCodeMessageExtractor.ShardIdOf("warm", 10)), ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10)));
        lifecycle.ExpectMsg(new Started("warm", 1));
    }

    [Fact]
    public void A_message_the_extractor_does_not_understand_goes_to_dead_letters_with_a_warning()
    {
        var region = StartEchoType();
        region.Tell("not an envelope", TestActor);
        ExpectDeadLetter(d => Equals(d.Message, "not an envelope"));
        ExpectLog(l => l.Message.Contains("gives no entity id for String"));
    }

    [Fact]
    public void Passivate_stops_the_entity_and_messages_sent_meanwhile_reach_a_new_incarnation()
    {
        var lifecycle = CreateTestProbe();
        var region = StartEchoType(m => lifecycle.Ref.Tell(m));
        Assert.Equal(1, PingThrough(region, "p").Incarnation);
        lifecycle.ExpectMsg(new Started("p", 1));
        region.Tell(new ShardEnvelope("p", new PassivateMe()), TestActor);
        ExpectMsg<PassivateMe>();
        // The shard has the Passivate before this ping (the entity sent it first), so the ping waits for the stop.
        region.Tell(new ShardEnvelope("p", new Ping("after")), TestActor);
        lifecycle.ExpectMsg(new Stopped("p", 1));
        lifecycle.ExpectMsg(new Started("p", 2));
        Assert.Equal(new Echoed("p", "after", 2), ExpectMsg<Echoed>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void An_idle_entity_is_passivated_and_started_again_by_its_next_message()
    {
        var lifecycle = CreateTestProbe();
        var region = StartEchoType(m => lifecycle.Ref.Tell(m), Settings with { PassivateIdleEntityAfter = TimeSpan.FromMilliseconds(300) });
        PingThrough(region, "idle");
        lifecycle.ExpectMsg(new Started("idle", 1));
        lifecycle.ExpectMsg(new Stopped("idle", 1), TimeSpan.FromSeconds(10));
        Assert.Equal(2, PingThrough(region, "idle").Incarnation);
    }

    [Fact]
    public void A_proxy_routes_to_the_region_that_hosts_the_shard()
    {
        StartCoordinator();
        var region = StartRegion("region-1");
        var proxy = StartProxy("proxy");
        Assert.Equal(new Echoed("via-proxy", "ping", 1), PingThrough(proxy, "via-proxy"));
        Assert.Equal(new Echoed("via-proxy", "ping", 1), PingThrough(region, "via-proxy"));
    }

    [Fact]
    public void Graceful_shutdown_stops_the_entities_with_the_hand_off_message_then_the_region()
    {
        var lifecycle = CreateTestProbe();
        var region = StartEchoType(m => lifecycle.Ref.Tell(m));
        PingThrough(region, "g1");
        PingThrough(region, "g2");
        lifecycle.ReceiveN(2);
        Watch(region);
        region.Tell(GracefulShutdown.Instance, TestActor);
        var stopped = lifecycle.ReceiveN(2, TimeSpan.FromSeconds(10));
        Assert.Equal(["g1", "g2"], stopped.Cast<Stopped>().Select(s => s.EntityId).Order().ToList());
        ExpectTerminated(region, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Starting_a_type_twice_returns_the_running_region_and_an_unknown_type_is_named_in_the_error()
    {
        var region = StartEchoType();
        Assert.Same(region, StartEchoType());
        Assert.Same(region, ClusterSharding.Get(Sys).ShardRegion(TypeName));
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSharding.Get(Sys).ShardRegion("pods"));
        Assert.Contains("'pods'", error.Message);
    }
}
