using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class SupervisionSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed class FailingPreRestart : ReceiveActor
    {
        public FailingPreRestart(IActorRef reportTo)
        {
            reportTo.Tell("constructed");
            Receive<Fail>(f => Recorder.Throw(f.Reason));
            ReceiveAny(m => Sender.Tell(m, Self));
        }

        protected override void PreRestart(Exception reason, object? message) => throw new TestException("prerestart failed");
    }

    /// <summary>Creates a <see cref="Recorder"/> child of <paramref name="parent"/> reporting to the test actor and consumes its PreStart.</summary>
    private async Task<IActorRef> ChildOf(IActorRef parent, string name)
    {
        var child = await parent.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor), name));
        ExpectMsg(new Hook(name, Hook.PreStart));
        return child;
    }

    private IActorRef Parent(string name, SupervisorStrategy? strategy = null, bool keepChildrenOnRestart = false)
    {
        var parent = Sys.ActorOf(Recorder.Props(TestActor, strategy, keepChildrenOnRestart), name);
        ExpectMsg(new Hook(name, Hook.PreStart));
        return parent;
    }

    [Fact]
    public void The_default_strategy_restarts_with_a_fresh_instance_and_calls_PreRestart_with_the_failing_message_and_PostRestart()
    {
        var actor = Parent("a");
        actor.Tell("inc", TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg(1);
        ExpectMsg(2);

        actor.Tell(new Fail("boom"), TestActor);
        ExpectMsg(new Hook("a", Hook.PreRestart, "boom", new Fail("boom")));
        ExpectMsg(new Hook("a", Hook.PostRestart, "boom"));

        actor.Tell("inc", TestActor);
        ExpectMsg(1);
        ExpectLog(l => l.Level == LogLevel.Error && l.Exception is TestException && l.Message.Contains("restarted"));
    }

    [Fact]
    public void A_restart_drops_the_failing_message_and_processes_the_messages_queued_behind_it()
    {
        var actor = Parent("a");
        actor.Tell(new Fail("boom"), TestActor);
        actor.Tell("x", TestActor);
        actor.Tell("y", TestActor);

        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart);
        ExpectMsg<Hook>(h => h.Name == Hook.PostRestart);
        ExpectMsg("x");
        ExpectMsg("y");
        ExpectNoMsg();
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state()
    {
        var parent = Parent("parent", TestActors.Always(Directive.Resume));
        var child = await ChildOf(parent, "child");
        child.Tell("inc", TestActor);
        ExpectMsg(1);

        child.Tell(new Fail("boom"), TestActor);
        child.Tell("inc", TestActor);
        ExpectMsg(2);
        ExpectLog(l => l.Level == LogLevel.Warning && l.Message.Contains("resumed") && l.Message.Contains("child"));
        ExpectNoMsg();
    }

    [Fact]
    public async Task Stop_stops_the_failed_child()
    {
        var parent = Parent("parent", TestActors.Always(Directive.Stop));
        var child = await ChildOf(parent, "child");
        Watch(child);

        child.Tell(new Fail("boom"), TestActor);
        ExpectMsg(new Hook("child", Hook.PostStop));
        ExpectTerminated(child);
        parent.Tell("still-alive", TestActor);
        ExpectMsg("still-alive");
    }

    [Fact]
    public async Task Escalate_hands_the_failure_to_the_grandparents_strategy()
    {
        var probe = CreateTestProbe();
        var decider = new OneForOneStrategy(e =>
        {
            probe.Ref.Tell($"grandparent decides on {e.GetType().Name}: {e.Message}");
            return Directive.Stop;
        });
        var grandparent = Parent("grandparent", decider);
        var parent = await grandparent.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor, TestActors.Always(Directive.Escalate)), "parent"));
        ExpectMsg(new Hook("parent", Hook.PreStart));
        var child = await ChildOf(parent, "child");
        Watch(parent);

        child.Tell(new Fail("deep"), TestActor);

        probe.ExpectMsg("grandparent decides on TestException: deep");
        ExpectMsg(new Hook("child", Hook.PostStop));
        ExpectMsg(new Hook("parent", Hook.PostStop));
        ExpectTerminated(parent);
        grandparent.Tell("inc", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public async Task An_escalated_failure_that_the_grandparent_resumes_lets_the_failed_child_go_on_with_its_state()
    {
        var grandparent = Parent("grandparent", TestActors.Always(Directive.Resume));
        var parent = await grandparent.Ask<IActorRef>(new CreateChild(Recorder.Props(TestActor, TestActors.Always(Directive.Escalate)), "parent"));
        ExpectMsg(new Hook("parent", Hook.PreStart));
        var child = await ChildOf(parent, "child");
        child.Tell("inc", TestActor);
        ExpectMsg(1);

        child.Tell(new Fail("boom"), TestActor);
        child.Tell("inc", TestActor);
        ExpectMsg(2);
        parent.Tell("inc", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public async Task An_escalated_failure_that_restarts_a_parent_keeping_its_children_restarts_the_failed_child_too()
    {
        var grandparent = Parent("grandparent");
        var parent = await grandparent.Ask<IActorRef>(
            new CreateChild(Recorder.Props(TestActor, TestActors.Always(Directive.Escalate), keepChildrenOnRestart: true), "parent"));
        ExpectMsg(new Hook("parent", Hook.PreStart));
        var child = await ChildOf(parent, "child");
        child.Tell("inc", TestActor);
        ExpectMsg(1);

        child.Tell(new Fail("boom"), TestActor);
        var hooks = ReceiveN(4).As<Hook>();
        Assert.Contains(new Hook("parent", Hook.PreRestart, "boom"), hooks);
        Assert.Contains(new Hook("parent", Hook.PostRestart, "boom"), hooks);
        Assert.Contains(new Hook("child", Hook.PreRestart, "boom", new Fail("boom")), hooks);
        Assert.Contains(new Hook("child", Hook.PostRestart, "boom"), hooks);

        child.Tell("inc", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public async Task One_for_one_with_two_retries_in_a_window_restarts_twice_and_stops_the_child_on_the_third_failure()
    {
        var strategy = new OneForOneStrategy(SupervisorStrategy.DefaultDecider, maxNrOfRetries: 2, withinTimeRange: TimeSpan.FromMinutes(1));
        var parent = Parent("parent", strategy);
        var child = await ChildOf(parent, "child");
        Watch(child);

        for (var i = 1; i <= 3; i++) child.Tell(new Fail("boom" + i), TestActor);

        ExpectMsg(new Hook("child", Hook.PreRestart, "boom1", new Fail("boom1")));
        ExpectMsg(new Hook("child", Hook.PostRestart, "boom1"));
        ExpectMsg(new Hook("child", Hook.PreRestart, "boom2", new Fail("boom2")));
        ExpectMsg(new Hook("child", Hook.PostRestart, "boom2"));
        ExpectMsg(new Hook("child", Hook.PostStop));
        ExpectTerminated(child);
        ExpectLog(l => l.Message.Contains("after 2 restarts"));
        ExpectNoMsg();
    }

    [Fact]
    public async Task A_restart_limit_without_a_window_counts_restarts_for_the_childs_whole_life()
    {
        var strategy = new OneForOneStrategy(SupervisorStrategy.DefaultDecider, maxNrOfRetries: 1);
        var parent = Parent("parent", strategy);
        var child = await ChildOf(parent, "child");
        Watch(child);

        child.Tell(new Fail("first"), TestActor);
        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart);
        ExpectMsg<Hook>(h => h.Name == Hook.PostRestart);
        child.Tell(new Fail("second"), TestActor);
        ExpectMsg(new Hook("child", Hook.PostStop));
        ExpectTerminated(child);
    }

    [Fact]
    public async Task All_for_one_restarts_the_siblings_of_the_failed_child_too()
    {
        var parent = Parent("parent", new AllForOneStrategy(SupervisorStrategy.DefaultDecider));
        var s1 = await ChildOf(parent, "s1");
        var s2 = await ChildOf(parent, "s2");
        var s3 = await ChildOf(parent, "s3");
        s2.Tell("inc", TestActor);
        ExpectMsg(1);

        s1.Tell(new Fail("boom"), TestActor);

        var hooks = ReceiveN(6).As<Hook>();
        foreach (var name in new[] { "s1", "s2", "s3" })
        {
            Assert.Single(hooks, h => h.Actor == name && h.Name == Hook.PreRestart && h.Reason == "boom");
            Assert.Single(hooks, h => h.Actor == name && h.Name == Hook.PostRestart && h.Reason == "boom");
        }
        Assert.Equal(new Fail("boom"), hooks.Single(h => h.Actor == "s1" && h.Name == Hook.PreRestart).Message);
        s2.Tell("inc", TestActor);
        ExpectMsg(1);
        s3.Tell("inc", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public async Task All_for_one_stop_stops_every_child()
    {
        var parent = Parent("parent", new AllForOneStrategy(_ => Directive.Stop));
        var s1 = await ChildOf(parent, "s1");
        var s2 = await ChildOf(parent, "s2");
        Watch(s1);
        Watch(s2);

        s1.Tell(new Fail("boom"), TestActor);

        var received = ReceiveN(4);
        Assert.Contains(new Hook("s1", Hook.PostStop), received);
        Assert.Contains(new Hook("s2", Hook.PostStop), received);
        Assert.Contains(received, m => m is Terminated t && t.ActorRef.Equals(s1));
        Assert.Contains(received, m => m is Terminated t && t.ActorRef.Equals(s2));
    }

    [Fact]
    public async Task The_default_PreRestart_stops_the_children_and_the_restarted_actor_can_create_them_again()
    {
        var parent = Parent("parent");
        var child = await ChildOf(parent, "child");
        Watch(child);

        parent.Tell(new Fail("boom"), TestActor);

        var received = ReceiveN(4);
        Assert.Contains(new Hook("parent", Hook.PreRestart, "boom", new Fail("boom")), received);
        Assert.Contains(new Hook("parent", Hook.PostRestart, "boom"), received);
        Assert.Contains(new Hook("child", Hook.PostStop), received);
        Assert.Contains(received, m => m is Terminated t && t.ActorRef.Equals(child));
        var again = await ChildOf(parent, "child");
        Assert.NotEqual(child, again);
    }

    [Fact]
    public async Task A_PreRestart_that_keeps_the_children_restarts_them_instead_of_stopping_them()
    {
        var parent = Parent("parent", keepChildrenOnRestart: true);
        var child = await ChildOf(parent, "child");
        child.Tell("inc", TestActor);
        ExpectMsg(1);

        parent.Tell(new Fail("boom"), TestActor);

        var hooks = ReceiveN(4).As<Hook>();
        Assert.Contains(new Hook("parent", Hook.PreRestart, "boom", new Fail("boom")), hooks);
        Assert.Contains(new Hook("parent", Hook.PostRestart, "boom"), hooks);
        Assert.Contains(new Hook("child", Hook.PreRestart, "boom"), hooks);
        Assert.Contains(new Hook("child", Hook.PostRestart, "boom"), hooks);
        child.Tell("inc", TestActor);
        ExpectMsg(1);
        Assert.False(child.IsTerminated());
    }

    [Fact]
    public async Task Resuming_a_child_whose_constructor_failed_creates_it_again()
    {
        var attempts = 0;
        var flaky = Props.Create(() => Interlocked.Increment(ref attempts) == 1 ? throw new TestException("first construction fails") : new Recorder(TestActor));
        var parent = Parent("parent", TestActors.Always(Directive.Resume));
        var child = await parent.Ask<IActorRef>(new CreateChild(flaky, "flaky"));

        ExpectMsg(new Hook("flaky", Hook.PreStart));
        child.Tell("inc", TestActor);
        ExpectMsg(1);
        Assert.Equal(2, attempts);
        Assert.DoesNotContain(LogEvents, l => l.Exception is NullReferenceException);
    }

    [Fact]
    public void A_PreRestart_failure_is_logged_and_the_actor_is_restarted_anyway()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingPreRestart(TestActor)), "a");
        ExpectMsg("constructed");
        actor.Tell(new Fail("boom"), TestActor);
        ExpectMsg("constructed");
        actor.Tell("after", TestActor);
        ExpectMsg("after");
        ExpectLog(l => l.Exception is TestException { Message: "prerestart failed" } && l.Message.Contains("PreRestart"));
    }

    [Fact]
    public async Task A_strategy_given_in_props_overrides_the_actors_own()
    {
        var props = Recorder.Props(TestActor, TestActors.Always(Directive.Restart)).WithSupervisorStrategy(TestActors.Always(Directive.Resume));
        var parent = Sys.ActorOf(props, "parent");
        ExpectMsg(new Hook("parent", Hook.PreStart));
        var child = await ChildOf(parent, "child");
        child.Tell("inc", TestActor);
        ExpectMsg(1);
        child.Tell(new Fail("boom"), TestActor);
        child.Tell("inc", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public async Task Exceptions_in_handlers_never_crash_the_process_and_the_system_keeps_working()
    {
        const int actors = 100, failures = 5;
        var silent = CreateTestProbe();
        var refs = Enumerable.Range(0, actors).Select(i => Sys.ActorOf(Recorder.Props(silent.Ref), "a" + i)).ToList();
        foreach (var actor in refs)
        {
            for (var f = 0; f < failures; f++)
            {
                actor.Tell(new Fail("boom"), silent.Ref);
                actor.Tell("inc", TestActor);
            }
        }

        var counts = ReceiveN(actors * failures, TimeSpan.FromSeconds(20)).As<int>();
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal("still working", await Sys.ActorOf(Props.Create<Echo>()).Ask<string>("still working"));
    }
}
