using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class StashSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>The stasher put <paramref name="Message"/> aside.</summary>
    private sealed record Stashed(object Message);

    /// <summary>The open stasher processed <paramref name="Message"/>.</summary>
    private sealed record Processed(object Message);

    private sealed record Item(int N);

    private sealed record WatchIt(IActorRef Target);

    /// <summary>
    /// Closed: stashes everything (reporting each <see cref="Stashed"/>) except the commands below.
    /// "open" unstashes all and switches to open, where every message is reported as is.
    /// </summary>
    private sealed class Stasher : ReceiveActor, IWithStash, IWithTimers
    {
        private readonly IActorRef _reportTo;
        private readonly bool _openAfterRestart;

        public Stasher(IActorRef reportTo, bool openAfterRestart)
        {
            _reportTo = reportTo;
            _openAfterRestart = openAfterRestart;
            Receive<string>(_ =>
            {
                Stash.UnstashAll();
                Become(Open);
            }, s => s == "open");
            Receive<string>(_ => Stash.Unstash(), s => s == "unstash-one");
            Receive<string>(_ => Stash.UnstashAll(m => m is Item), s => s == "unstash-items");
            Receive<string>(_ => _reportTo.Tell(Stash.Count, Self), s => s == "count");
            Receive<string>(_ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                    _reportTo.Tell("stashed twice", Self);
                }
                catch (StashException e)
                {
                    _reportTo.Tell(e, Self);
                }
            }, s => s == "stash-twice");
            Receive<string>(_ => Timers.StartSingleTimer("tick", "tick", TimeSpan.FromMilliseconds(1)), s => s == "start-timer");
            Receive<WatchIt>(w =>
            {
                Context.Watch(w.Target);
                _reportTo.Tell("watching", Self);
            });
            Receive<Fail>(f => Recorder.Throw(f.Reason));
            ReceiveAny(m =>
            {
                Stash.Stash();
                _reportTo.Tell(new Stashed(m), Self);
            });
        }

        public IStash Stash { get; set; } = null!;

        public ITimerScheduler Timers { get; set; } = null!;

        public static Props Props(IActorRef reportTo, bool openAfterRestart = false) =>
            Runtime.Props.Create(() => new Stasher(reportTo, openAfterRestart));

        protected override void PostRestart(Exception reason)
        {
            _reportTo.Tell("restarted", Self);
            if (_openAfterRestart) Become(Open);
        }

        private void Open()
        {
            Receive<Fail>(f => Recorder.Throw(f.Reason));
            // A Terminated is reported wrapped: the probe would drop a Terminated for an actor it does not watch.
            Receive<Terminated>(t => _reportTo.Tell(new Processed(t), Self));
            ReceiveAny(m => _reportTo.Tell(m, Self));
        }
    }

    private IActorRef NewStasher(bool openAfterRestart = false) => Sys.ActorOf(Stasher.Props(TestActor, openAfterRestart), "stasher");

    [Fact]
    public void UnstashAll_brings_the_messages_back_in_their_original_order_before_messages_that_arrived_later()
    {
        var stasher = NewStasher();
        foreach (var m in new[] { "a", "b", "c", "open", "d" }) stasher.Tell(m, TestActor);

        ExpectMsg(new Stashed("a"));
        ExpectMsg(new Stashed("b"));
        ExpectMsg(new Stashed("c"));
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        ExpectMsg("d");
    }

    [Fact]
    public void Unstash_brings_back_only_the_oldest_message()
    {
        var stasher = NewStasher();
        foreach (var m in new[] { "a", "b", "unstash-one" }) stasher.Tell(m, TestActor);
        ExpectMsg(new Stashed("a"));
        ExpectMsg(new Stashed("b"));
        // "a" was put back in front of the mailbox and, the actor still being closed, stashed again.
        ExpectMsg(new Stashed("a"));
        stasher.Tell("count", TestActor);
        ExpectMsg(2);
        stasher.Tell("open", TestActor);
        ExpectMsg("b");
        ExpectMsg("a");
    }

    [Fact]
    public void UnstashAll_with_a_predicate_brings_back_only_the_matching_messages_in_order()
    {
        var stasher = NewStasher();
        foreach (var m in new object[] { new Item(1), "x", new Item(2), "unstash-items" }) stasher.Tell(m, TestActor);
        ExpectMsg(new Stashed(new Item(1)));
        ExpectMsg(new Stashed("x"));
        ExpectMsg(new Stashed(new Item(2)));
        ExpectMsg(new Stashed(new Item(1)));
        ExpectMsg(new Stashed(new Item(2)));
        stasher.Tell("count", TestActor);
        ExpectMsg(3);
    }

    [Fact]
    public void The_stash_survives_a_restart_and_is_unstashed_to_the_new_instance()
    {
        var stasher = NewStasher(openAfterRestart: true);
        foreach (var m in new object[] { "a", "b", new Fail("boom"), "c" }) stasher.Tell(m, TestActor);

        ExpectMsg(new Stashed("a"));
        ExpectMsg(new Stashed("b"));
        ExpectMsg("restarted");
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Stashing_the_same_message_twice_throws_StashException()
    {
        var stasher = NewStasher();
        stasher.Tell("stash-twice", TestActor);
        var e = ExpectMsg<StashException>();
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public void The_same_message_object_delivered_twice_can_be_stashed_twice()
    {
        var stasher = NewStasher();
        var item = new Item(7);
        stasher.Tell(item, TestActor);
        stasher.Tell(item, TestActor);
        ExpectMsg(new Stashed(item));
        ExpectMsg(new Stashed(item));
        stasher.Tell("open", TestActor);
        ExpectMsg(item);
        ExpectMsg(item);
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var stasher = NewStasher();
        stasher.Tell("a", TestActor);
        stasher.Tell("b", TestActor);
        ExpectMsg(new Stashed("a"));
        ExpectMsg(new Stashed("b"));

        Watch(stasher);
        Sys.Stop(stasher);
        ExpectTerminated(stasher);
        ExpectDeadLetter(d => Equals(d.Message, "a") && d.Recipient.Equals(stasher) && d.Sender!.Equals(TestActor));
        ExpectDeadLetter(d => Equals(d.Message, "b") && d.Recipient.Equals(stasher));
        var order = DeadLetters.Where(d => d.Recipient.Equals(stasher)).Select(d => d.Message).ToList();
        Assert.Equal(["a", "b"], order);
    }

    [Fact]
    public void A_stashed_Terminated_is_delivered_when_it_is_unstashed()
    {
        var stasher = NewStasher();
        var target = Sys.ActorOf(Props.Create<Silent>(), "target");
        stasher.Tell(new WatchIt(target), TestActor);
        ExpectMsg("watching");

        Sys.Stop(target);
        var stashed = ExpectMsg<Stashed>();
        Assert.Equal(target, Assert.IsType<Terminated>(stashed.Message).ActorRef);

        stasher.Tell("open", TestActor);
        Assert.Equal(target, Assert.IsType<Terminated>(ExpectMsg<Processed>().Message).ActorRef);
    }

    [Fact]
    public void A_message_delivered_by_a_timer_is_stashed_as_itself_and_delivered_when_unstashed()
    {
        var stasher = NewStasher();
        stasher.Tell("start-timer", TestActor);
        ExpectMsg(new Stashed("tick"));

        stasher.Tell("open", TestActor);
        ExpectMsg("tick");
    }
}
