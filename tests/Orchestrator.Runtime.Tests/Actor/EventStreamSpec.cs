using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class EventStreamSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private interface IPodEvent;

    private abstract record PodEvent(string Pod) : IPodEvent;

    private sealed record PodStarted(string Pod) : PodEvent(Pod);

    private sealed record PodStopped(string Pod) : PodEvent(Pod);

    private sealed record NodeJoined(string Node);

    /// <summary>A flush marker: published after the events under test, it arrives after them.</summary>
    private sealed record Marker(int N);

    [Fact]
    public void A_subscriber_to_a_base_type_gets_every_derived_event_and_nothing_else()
    {
        Sys.EventStream.Subscribe<PodEvent>(TestActor);
        Sys.EventStream.Subscribe<Marker>(TestActor);
        Sys.EventStream.Publish(new PodStarted("a"));
        Sys.EventStream.Publish(new NodeJoined("n1"));
        Sys.EventStream.Publish(new PodStopped("a"));
        Sys.EventStream.Publish(new Marker(1));

        ExpectMsg(new PodStarted("a"));
        ExpectMsg(new PodStopped("a"));
        ExpectMsg(new Marker(1));
    }

    [Fact]
    public void A_subscriber_to_an_interface_gets_every_event_implementing_it()
    {
        Sys.EventStream.Subscribe<IPodEvent>(TestActor);
        Sys.EventStream.Publish(new PodStopped("b"));
        ExpectMsg(new PodStopped("b"));
    }

    [Fact]
    public void Subscribing_twice_to_the_same_channel_delivers_each_event_once()
    {
        Assert.True(Sys.EventStream.Subscribe<PodEvent>(TestActor));
        Assert.False(Sys.EventStream.Subscribe<PodEvent>(TestActor));
        Sys.EventStream.Subscribe<Marker>(TestActor);
        Sys.EventStream.Publish(new PodStarted("c"));
        Sys.EventStream.Publish(new Marker(1));
        ExpectMsg(new PodStarted("c"));
        ExpectMsg(new Marker(1));
    }

    [Fact]
    public void Unsubscribing_from_a_channel_stops_its_events_but_keeps_the_others()
    {
        Sys.EventStream.Subscribe<PodEvent>(TestActor);
        Sys.EventStream.Subscribe<Marker>(TestActor);
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(PodEvent)));
        Sys.EventStream.Publish(new PodStarted("d"));
        Sys.EventStream.Publish(new Marker(2));
        ExpectMsg(new Marker(2));
    }

    [Fact]
    public void Unsubscribing_from_everything_stops_all_events()
    {
        Sys.EventStream.Subscribe<PodEvent>(TestActor);
        Sys.EventStream.Subscribe<Marker>(TestActor);
        Assert.True(Sys.EventStream.Unsubscribe(TestActor));
        Assert.False(Sys.EventStream.Unsubscribe(TestActor));
        Sys.EventStream.Publish(new PodStarted("e"));
        Sys.EventStream.Publish(new Marker(3));
        ExpectNoMsg();
    }

    [Fact]
    public void A_stopped_subscriber_is_dropped_instead_of_producing_dead_letters()
    {
        var subscriber = Sys.ActorOf(Props.Create<Silent>(), "subscriber");
        Sys.EventStream.Subscribe<PodEvent>(subscriber);
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);

        Sys.EventStream.Publish(new PodStarted("f"));
        // Dead letters are published synchronously by the publisher; one told after the event arrives after any it caused.
        Sys.DeadLetters.Tell(new Marker(4), null);
        ExpectDeadLetter(d => d.Message is Marker);
        Assert.DoesNotContain(DeadLetters, d => d.Message is PodStarted);
        // The subscription is gone: subscribing the same ref again is a new subscription.
        Assert.True(Sys.EventStream.Subscribe<PodEvent>(subscriber));
    }

    [Fact]
    public void Publishing_without_subscribers_does_nothing()
    {
        Sys.EventStream.Publish(new NodeJoined("lonely"));
        Sys.DeadLetters.Tell(new Marker(5), null);
        ExpectDeadLetter(d => d.Message is Marker);
        Assert.DoesNotContain(DeadLetters, d => d.Message is NodeJoined);
    }
}
