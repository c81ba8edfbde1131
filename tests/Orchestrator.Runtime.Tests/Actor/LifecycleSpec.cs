using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class LifecycleSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed class FailingConstructor : ActorBase
    {
        public FailingConstructor() => throw new TestException("constructor failed");

        protected override bool Receive(object message) => true;
    }

    private sealed class FailingPreStart(IActorRef reportTo) : ActorBase
    {
        protected override bool Receive(object message) => true;

        protected override void PreStart()
        {
            reportTo.Tell("prestart", Self);
            throw new TestException("prestart failed");
        }
    }

    private sealed class FailingPostStop(IActorRef reportTo) : ActorBase
    {
        protected override bool Receive(object message) => true;

        protected override void PostStop()
        {
            reportTo.Tell("poststop", Self);
            throw new TestException("poststop failed");
        }
    }

    public sealed class NeedsArgument : ActorBase
    {
        public NeedsArgument(string argument)
        {
            if (argument == "bad") throw new TestException("bad argument");
        }

        protected override bool Receive(object message) => true;
    }

    [Fact]
    public void PreStart_runs_before_the_first_message_even_when_the_message_was_sent_at_once()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "a");
        actor.Tell("hello", TestActor);
        ExpectMsg(new Hook("a", Hook.PreStart));
        ExpectMsg("hello");
    }

    [Fact]
    public void A_message_that_reaches_a_new_actor_before_its_Create_is_queued_waits_for_PreStart()
    {
        // White box: a child is visible to selections (in its parent's children) a moment before its
        // Create is queued; a message told in that moment must wait for the actor instance.
        var parent = (LocalActorRef)Sys.ActorOf(Props.Create<Silent>(), "parent");
        var cell = new ActorCell(Sys, Recorder.Props(TestActor), parent, new ChildActorPath(parent.Path, "early", 42));
        cell.SelfRef.Tell("hello", TestActor);
        ExpectNoMsg();
        Assert.Equal(1, TestActors.QueuedMessages(cell.SelfRef));

        cell.Mailbox.PostSystem(new Dispatch.Create());
        ExpectMsg(new Hook("early", Hook.PreStart));
        ExpectMsg("hello");
    }

    [Fact]
    public void PostStop_runs_once_after_the_actor_is_stopped()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "a");
        ExpectMsg(new Hook("a", Hook.PreStart));
        Sys.Stop(actor);
        ExpectMsg(new Hook("a", Hook.PostStop));
        ExpectNoMsg();
    }

    [Fact]
    public async Task Stopping_an_actor_stops_grandchildren_then_children_then_the_actor_itself()
    {
        var root = Sys.ActorOf(Recorder.Props(TestActor), "root");
        var c1 = await root.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), "c1"));
        var c2 = await root.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), "c2"));
        await c1.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), "g1a"));
        await c1.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), "g1b"));
        await c2.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), "g2a"));
        Assert.All(ReceiveN(6).As<Hook>(), h => Assert.Equal(Hook.PreStart, h.Name));

        Sys.Stop(root);

        var order = ReceiveN(6).As<Hook>().Select(h => { Assert.Equal(Hook.PostStop, h.Name); return h.Actor; }).ToList();
        Assert.Equal(["c1", "c2", "g1a", "g1b", "g2a", "root"], order.Order());
        Assert.True(order.IndexOf("g1a") < order.IndexOf("c1"), string.Join(",", order));
        Assert.True(order.IndexOf("g1b") < order.IndexOf("c1"), string.Join(",", order));
        Assert.True(order.IndexOf("g2a") < order.IndexOf("c2"), string.Join(",", order));
        Assert.Equal("root", order[^1]);
    }

    [Fact]
    public void A_watcher_gets_Terminated_only_after_PostStop_ran()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "a");
        ExpectMsg(new Hook("a", Hook.PreStart));
        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg(new Hook("a", Hook.PostStop));
        ExpectTerminated(actor);
    }

    [Fact]
    public void PoisonPill_lets_the_messages_sent_before_it_be_processed_and_the_later_ones_become_dead_letters()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "a");
        Watch(actor);
        foreach (var m in new object[] { "1", "2", "3", PoisonPill.Instance, "4" }) actor.Tell(m, TestActor);

        ExpectMsg(new Hook("a", Hook.PreStart));
        ExpectMsg("1");
        ExpectMsg("2");
        ExpectMsg("3");
        ExpectMsg(new Hook("a", Hook.PostStop));
        ExpectTerminated(actor);
        ExpectDeadLetter(d => Equals(d.Message, "4") && d.Recipient.Equals(actor));
    }

    [Fact]
    public void Kill_fails_the_actor_with_ActorKilledException_and_the_default_strategy_stops_it()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "a");
        ExpectMsg(new Hook("a", Hook.PreStart));
        Watch(actor);
        actor.Tell(Kill.Instance, TestActor);

        ExpectMsg(new Hook("a", Hook.PostStop));
        ExpectTerminated(actor);
        ExpectLog(l => l.Level == LogLevel.Error && l.Exception is ActorKilledException && l.Message.Contains("stopped"));
    }

    [Fact]
    public void A_constructor_failure_becomes_ActorInitializationException_and_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingConstructor()), "broken");
        Watch(actor);
        ExpectTerminated(actor);
        var log = ExpectLog(l => l.Exception is ActorInitializationException);
        Assert.IsType<TestException>(log.Exception!.InnerException);
        Assert.Contains("constructor failed", log.Exception.Message);
        Assert.Contains("broken", log.Exception.Message);
    }

    [Fact]
    public void A_PreStart_failure_becomes_ActorInitializationException_and_stops_the_actor_without_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingPreStart(TestActor)), "broken");
        Watch(actor);
        ExpectMsg("prestart");
        ExpectTerminated(actor);
        var log = ExpectLog(l => l.Exception is ActorInitializationException);
        Assert.IsType<TestException>(log.Exception!.InnerException);
        ExpectNoMsg();
    }

    [Fact]
    public void A_constructor_failure_of_props_made_from_arguments_reports_the_real_exception_not_the_reflection_wrapper()
    {
        var actor = Sys.ActorOf(Props.Create<NeedsArgument>("bad"), "broken");
        Watch(actor);
        ExpectTerminated(actor);
        var log = ExpectLog(l => l.Exception is ActorInitializationException);
        Assert.IsType<TestException>(log.Exception!.InnerException);
        Assert.Contains("bad argument", log.Exception.Message);
    }

    [Fact]
    public void An_actor_made_from_constructor_arguments_starts_normally()
    {
        var actor = Sys.ActorOf(Props.Create<NeedsArgument>("good"), "fine");
        actor.Tell(new Identify(7), TestActor);
        Assert.Equal(actor, ExpectMsg<ActorIdentity>(i => Equals(i.MessageId, 7)).Subject);
    }

    [Fact]
    public void A_PostStop_failure_is_logged_and_the_actor_is_stopped_anyway()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingPostStop(TestActor)), "a");
        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg("poststop");
        ExpectTerminated(actor);
        ExpectLog(l => l.Exception is TestException { Message: "poststop failed" } && l.Message.Contains("PostStop"));
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_the_runtime_is_refused()
    {
        var e = Assert.Throws<ActorInitializationException>(() => new Echo());
        Assert.Contains("ActorOf", e.Message);
    }
}
