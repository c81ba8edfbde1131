using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class MessagingSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record SendTo(IActorRef Target, object Message);

    private sealed record ForwardTo(IActorRef Target, object Message);

    private sealed record Burst(IActorRef Target, int Count);

    /// <summary>Tells (implicit sender), forwards, or bursts numbered messages on request.</summary>
    private sealed class Teller : ReceiveActor
    {
        public Teller()
        {
            Receive<SendTo>(s => s.Target.Tell(s.Message));
            Receive<ForwardTo>(f => f.Target.Forward(f.Message));
            Receive<Burst>(b =>
            {
                for (var i = 0; i < b.Count; i++) b.Target.Tell(i);
            });
        }
    }

    private IActorRef NewSender() => Sys.ActorOf(Props.Create<Teller>(), "sender");

    [Fact]
    public void Tell_from_inside_an_actor_uses_the_actor_as_the_implicit_sender()
    {
        var sender = NewSender();
        sender.Tell(new SendTo(TestActor, "hi"), null);
        ExpectMsg("hi");
        Assert.Equal(sender, LastSender);
    }

    [Fact]
    public void Tell_from_outside_any_actor_has_no_sender_so_replies_go_to_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("anyone?");
        var dead = ExpectDeadLetter(d => Equals(d.Message, "anyone?"));
        Assert.Equal(echo, dead.Sender);
        Assert.Equal(Sys.DeadLetters, dead.Recipient);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var sender = NewSender();
        var original = CreateTestProbe();
        sender.Tell(new ForwardTo(TestActor, "passed on"), original.Ref);
        ExpectMsg("passed on");
        Assert.Equal(original.Ref, LastSender);
    }

    [Fact]
    public void Forward_outside_an_actor_is_an_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TestActor.Forward("x"));
        Assert.Contains("inside an actor", e.Message);
    }

    [Fact]
    public void Telling_null_is_an_error()
    {
        Assert.Throws<ArgumentNullException>(() => TestActor.Tell(null!, null));
    }

    [Fact]
    public void Messages_from_one_sender_to_one_receiver_arrive_in_the_order_they_were_sent()
    {
        var sender = NewSender();
        var relay = Sys.ActorOf(Relay.Props(TestActor), "relay");
        sender.Tell(new Burst(relay, 1_000), null);
        Assert.Equal(Enumerable.Range(0, 1_000), ReceiveN(1_000).As<int>());
    }

    [Fact]
    public void Terminated_arrives_after_every_message_the_stopped_actor_sent_to_the_watcher()
    {
        var sender = NewSender();
        Watch(sender);
        sender.Tell(new Burst(TestActor, 500), null);
        sender.Tell(PoisonPill.Instance, null);
        Assert.Equal(Enumerable.Range(0, 500), ReceiveN(500).As<int>());
        ExpectTerminated(sender);
    }

    [Fact]
    public void Identify_is_answered_by_any_actor_with_its_ref()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>(), "silent");
        silent.Tell(new Identify("id-1"), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(silent, identity.Subject);
    }

    [Fact]
    public void A_new_actor_under_an_old_name_is_a_different_actor()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "name");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var second = Sys.ActorOf(Props.Create<Echo>(), "name");

        Assert.NotEqual(first, second);
        Assert.Equal(first.Path, second.Path.WithUid(0));
        first.Tell("to the old one", TestActor);
        ExpectDeadLetter(d => Equals(d.Message, "to the old one"));
        second.Tell("to the new one", TestActor);
        ExpectMsg("to the new one");
    }
}
