using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class DeathWatchSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>Makes a <see cref="Watcher"/> call Context.Watch <paramref name="Times"/> times in a row.</summary>
    private sealed record WatchIt(IActorRef Target, bool Ack = true, int Times = 1);

    private sealed record UnwatchIt(IActorRef Target);

    /// <summary>A watcher saw <paramref name="Dead"/> terminate.</summary>
    private sealed record Saw(string Watcher, IActorRef Dead, bool ExistenceConfirmed);

    /// <summary>Watches and unwatches on request and reports every Terminated it processes.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef reportTo)
        {
            Receive<WatchIt>(w =>
            {
                for (var i = 0; i < w.Times; i++) Context.Watch(w.Target);
                if (w.Ack) Sender.Tell("watching", Self);
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Target);
                reportTo.Tell("unwatched", Self);
            });
            Receive<Terminated>(t => reportTo.Tell(new Saw(Self.Path.Name, t.ActorRef, t.ExistenceConfirmed), Self));
            ReceiveAsync<Hold>(async h =>
            {
                reportTo.Tell(new Holding(Self.Path.Name), Self);
                await h.Gate.Opened;
                reportTo.Tell("released", Self);
            });
            Receive<string>(_ => reportTo.Tell("pong", Self), s => s == "ping");
            Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        }

        public static Props Props(IActorRef reportTo) => Runtime.Props.Create(() => new Watcher(reportTo));
    }

    /// <summary>Watches its target from PreStart and has no handler for Terminated.</summary>
    private sealed class CarelessWatcher(IActorRef target) : ActorBase
    {
        protected override void PreStart() => Context.Watch(target);

        protected override bool Receive(object message) => false;
    }

    /// <summary>Parent of a silent child "x"; opens the gate in PostStop, i.e. after "x" has told all its watchers it stopped.</summary>
    private sealed class OpensGateWhenStopped : ReceiveActor
    {
        private readonly Gate _gate;

        public OpensGateWhenStopped(Gate gate)
        {
            _gate = gate;
            Receive<string>(_ => Sender.Tell(Context.Child("x"), Self), s => s == "child");
        }

        protected override void PreStart() => Context.ActorOf(Props.Create<Silent>(), "x");

        protected override void PostStop() => _gate.Open();
    }

    private IActorRef NewWatcher(string name) => Sys.ActorOf(Watcher.Props(TestActor), name);

    private void WatchFrom(IActorRef watcher, IActorRef target)
    {
        watcher.Tell(new WatchIt(target), TestActor);
        ExpectMsg("watching");
    }

    [Fact]
    public void Watching_twice_gives_exactly_one_Terminated()
    {
        var watcher = NewWatcher("w");
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        WatchFrom(watcher, target);
        WatchFrom(watcher, target);

        Sys.Stop(target);

        ExpectMsg(new Saw("w", target, true));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_probe_watching_twice_gets_exactly_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        Watch(target);
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_parent_that_watches_its_child_gets_exactly_one_Terminated_although_it_is_told_twice()
    {
        var parent = NewWatcher("parent");
        var child = await parent.Ask<IActorRef>(new CreateChild(Props.Create<Silent>(), "child"));
        WatchFrom(parent, child);

        Sys.Stop(child);

        ExpectMsg(new Saw("parent", child, true));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Many_watchers_watching_from_many_threads_while_the_target_stops_each_get_exactly_one_Terminated()
    {
        const int watcherCount = 400, threads = 8;
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        var watchers = Enumerable.Range(0, watcherCount).Select(i => NewWatcher("w" + i)).ToArray();
        using var start = new Barrier(threads + 1);

        // Each watcher watches twice in one go (a watch issued after it processed its Terminated would
        // be a new watch, rightly answered by another Terminated); the threads race with the stop.
        var senders = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = t; i < watcherCount; i += threads) watchers[i].Tell(new WatchIt(target, Ack: false, Times: 2), null);
        })).ToList();
        senders.ForEach(s => s.Start());
        start.SignalAndWait();
        Sys.Stop(target);
        senders.ForEach(s => s.Join());

        var seen = ReceiveN(watcherCount, TimeSpan.FromSeconds(15)).As<Saw>();
        Assert.All(seen, s => Assert.Equal(target, s.Dead));
        Assert.Equal(watcherCount, seen.Select(s => s.Watcher).Distinct().Count());
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Watching_an_actor_that_has_already_stopped_gives_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var late = NewWatcher("late");
        late.Tell(new WatchIt(target), TestActor);
        ExpectMsg("watching");
        ExpectMsg(new Saw("late", target, true));
    }

    [Fact]
    public void Watching_nobody_gives_a_Terminated_whose_existence_is_not_confirmed()
    {
        var watcher = NewWatcher("w");
        watcher.Tell(new WatchIt(ActorRefs.Nobody), TestActor);
        ExpectMsg("watching");
        ExpectMsg(new Saw("w", ActorRefs.Nobody, false));
    }

    [Fact]
    public void Unwatch_before_the_stop_means_no_Terminated()
    {
        var watcher = NewWatcher("w");
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        WatchFrom(watcher, target);
        watcher.Tell(new UnwatchIt(target), TestActor);
        ExpectMsg("unwatched");

        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// A watcher "w" that watches "x" and is holding (its user messages wait). Stopping the returned
    /// parent stops "x", which notifies "w" (a system message: "w" queues the Terminated), and only
    /// then, from the parent's PostStop, opens the gate: the continuation that releases "w" comes
    /// after the notification in its system queue, so once "w" is released the Terminated is already
    /// queued behind whatever the test sent while it was holding.
    /// </summary>
    private async Task<(IActorRef Watcher, IActorRef X, IActorRef Parent)> HoldingWatcherOfX()
    {
        var gate = new Gate();
        var parent = Sys.ActorOf(Props.Create(() => new OpensGateWhenStopped(gate)), "parent");
        var x = await parent.Ask<IActorRef>("child");
        var watcher = NewWatcher("w");
        WatchFrom(watcher, x);
        // An Identify answered by x proves x processed the Watch (system messages come first).
        x.Tell(new Identify("registered"), TestActor);
        ExpectMsg<ActorIdentity>();
        watcher.Tell(new Hold(gate), TestActor);
        ExpectMsg<Holding>();
        return (watcher, x, parent);
    }

    [Fact]
    public async Task A_Terminated_that_is_already_queued_is_delivered_when_nothing_unwatches()
    {
        var (watcher, x, parent) = await HoldingWatcherOfX();
        watcher.Tell("ping", TestActor);
        Sys.Stop(parent);
        ExpectMsg("released");
        ExpectMsg("pong");
        ExpectMsg(new Saw("w", x, true));
    }

    [Fact]
    public async Task Unwatch_after_the_Terminated_is_queued_but_before_it_is_processed_means_no_Terminated()
    {
        var (watcher, x, parent) = await HoldingWatcherOfX();
        watcher.Tell(new UnwatchIt(x), TestActor);
        Sys.Stop(parent);
        ExpectMsg("released");
        ExpectMsg("unwatched");
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void An_unhandled_Terminated_fails_the_watcher_with_DeathPactException_and_stops_it()
    {
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        var watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(target)), "careless");
        Watch(watcher);
        // The watch is registered in the watcher's PreStart; Identify proves PreStart ran.
        watcher.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();

        Sys.Stop(target);

        ExpectTerminated(watcher);
        var log = ExpectLog(l => l.Exception is DeathPactException);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal(target, ((DeathPactException)log.Exception!).DeadActor);
    }

    [Fact]
    public void A_test_probe_can_watch_an_actor_and_expect_its_Terminated()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        probe.Watch(target);
        target.Tell(PoisonPill.Instance, null);
        var terminated = probe.ExpectTerminated(target);
        Assert.True(terminated.ExistenceConfirmed);
        ExpectNoMsg();
    }

    [Fact]
    public void A_probe_that_unwatches_gets_no_Terminated()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        probe.Watch(target);
        probe.Unwatch(target);
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_restart_of_the_watched_actor_is_not_a_termination()
    {
        var target = Sys.ActorOf(Recorder.Props(TestActor), "target");
        ExpectMsg(new Hook("target", Hook.PreStart));
        var watcher = NewWatcher("w");
        WatchFrom(watcher, target);

        target.Tell(new Fail("boom"), TestActor);
        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart);
        ExpectMsg<Hook>(h => h.Name == Hook.PostRestart);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
