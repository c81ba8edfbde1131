using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class TimerSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record StartSingle(string Key, object Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, object Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    /// <summary>Starts a 1 ms single timer, holds until <paramref name="Gate"/> opens, then runs <paramref name="AfterRelease"/>.</summary>
    private sealed record ArmAndHold(string Key, object Message, Gate Gate, Action<ITimerScheduler> AfterRelease);

    /// <summary>Reports its timer scheduler from PreStart, so a test can inspect it after the actor is gone.</summary>
    private sealed record TimersOf(ITimerScheduler Timers);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _reportTo;

        public TimerActor(IActorRef reportTo)
        {
            _reportTo = reportTo;
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<CancelTimer>(c =>
            {
                Timers.Cancel(c.Key);
                reportTo.Tell("cancelled", Self);
            });
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key), Self));
            ReceiveAsync<ArmAndHold>(async a =>
            {
                Timers.StartSingleTimer(a.Key, a.Message, TimeSpan.FromMilliseconds(1));
                reportTo.Tell(new Holding(Self.Path.Name), Self);
                await a.Gate.Opened;
                a.AfterRelease(Timers);
            });
            Receive<Fail>(f => Recorder.Throw(f.Reason));
            ReceiveAny(m => reportTo.Tell(m, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => _reportTo.Tell(new TimersOf(Timers), Self);

        protected override void PostRestart(Exception reason) => _reportTo.Tell("restarted", Self);
    }

    private IActorRef NewTimerActor(out ITimerScheduler timers)
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)), "timers");
        timers = ExpectMsg<TimersOf>().Timers;
        return actor;
    }

    private IActorRef NewTimerActor() => NewTimerActor(out _);

    private bool TimerActive(IActorRef actor, string key) => actor.Ask<bool>(new IsActive(key), Dilated(TimeSpan.FromSeconds(3))).GetAwaiter().GetResult();

    /// <summary>Arms a 1 ms timer in a holding actor and waits until its tick is queued behind the hold.</summary>
    private void ArmAndWaitUntilTheTickIsQueued(IActorRef actor, string message, Action<ITimerScheduler> afterRelease)
    {
        var gate = new Gate();
        actor.Tell(new ArmAndHold("key", message, gate, afterRelease), TestActor);
        ExpectMsg<Holding>();
        AwaitCondition(() => TestActors.QueuedMessages(actor) == 1, message: "the timer's tick should be queued");
        gate.Open();
    }

    [Fact]
    public void A_single_timer_fires_exactly_once()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("key", "tick", TimeSpan.FromMilliseconds(50)), TestActor);
        ExpectMsg("tick");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.False(TimerActive(actor, "key"));
    }

    [Fact]
    public void A_periodic_timer_fires_repeatedly_until_it_is_cancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("key", "tick", TimeSpan.FromMilliseconds(20)), TestActor);
        Assert.All(ReceiveN(5), m => Assert.Equal("tick", m));

        actor.Tell(new CancelTimer("key"), TestActor);
        FishForMessage<string>(m => m == "cancelled");
        actor.Tell("ping", TestActor);
        ExpectMsg("ping");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_timer_whose_tick_is_already_queued_delivers_it_when_not_cancelled()
    {
        var actor = NewTimerActor();
        ArmAndWaitUntilTheTickIsQueued(actor, "tick", _ => { });
        ExpectMsg("tick");
    }

    [Fact]
    public void Cancel_discards_a_tick_that_is_already_queued()
    {
        var actor = NewTimerActor();
        ArmAndWaitUntilTheTickIsQueued(actor, "tick", t => t.Cancel("key"));
        actor.Tell("ping", TestActor);
        ExpectMsg("ping");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Starting_a_key_again_replaces_its_timer_and_discards_the_old_timers_queued_tick()
    {
        var actor = NewTimerActor();
        ArmAndWaitUntilTheTickIsQueued(actor, "first", t => t.StartSingleTimer("key", "second", TimeSpan.FromMilliseconds(1)));
        ExpectMsg("second");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Starting_a_key_again_replaces_a_pending_timer()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("key", "old", TimeSpan.FromMilliseconds(200)), TestActor);
        actor.Tell(new StartSingle("key", "new", TimeSpan.FromMilliseconds(10)), TestActor);
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_restart_cancels_the_timers_and_discards_their_queued_ticks()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("periodic", "tock", TimeSpan.FromMinutes(1)), TestActor);
        Assert.True(TimerActive(actor, "periodic"));

        ArmAndWaitUntilTheTickIsQueued(actor, "tick", _ => throw new TestException("fail after release"));

        ExpectMsg("restarted");
        actor.Tell("ping", TestActor);
        ExpectMsg("ping");
        Assert.False(TimerActive(actor, "periodic"));
        Assert.False(TimerActive(actor, "key"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Stopping_the_actor_cancels_its_timers()
    {
        var actor = NewTimerActor(out var timers);
        actor.Tell(new StartPeriodic("periodic", "tick", TimeSpan.FromMinutes(1)), TestActor);
        Assert.True(TimerActive(actor, "periodic"));

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.False(timers.IsTimerActive("periodic"));
    }

    [Fact]
    public void A_periodic_timer_needs_a_positive_interval()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("key", "tick", TimeSpan.Zero), TestActor);
        ExpectLog(l => l.Exception is ArgumentOutOfRangeException e && e.Message.Contains("positive interval"));
    }
}
