using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ReceiveAsyncSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record AsyncWork(int N);

    private sealed record SyncWork(int N);

    private sealed record Stats(int MaxInside, int Overlaps);

    private sealed record FailAfterAwait(string Reason);

    private sealed record FailBeforeAwait(string Reason);

    private sealed record CancelAfterAwait;

    /// <summary>Counts how many handlers are inside the actor at once, across awaits.</summary>
    private sealed class Overlapping : ReceiveActor
    {
        private int _inside;
        private int _maxInside;
        private int _overlaps;

        public Overlapping(IActorRef reportTo)
        {
            ReceiveAsync<AsyncWork>(async w =>
            {
                Enter();
                await Task.Yield();
                await Task.Run(() => { });
                await Task.Yield();
                reportTo.Tell(w.N, Self);
                Exit();
            });
            Receive<SyncWork>(w =>
            {
                Enter();
                reportTo.Tell(w.N, Self);
                Exit();
            });
            Receive<string>(_ => reportTo.Tell(new Stats(_maxInside, _overlaps), Self), s => s == "stats");
        }

        private void Enter()
        {
            var inside = Interlocked.Increment(ref _inside);
            if (inside > 1) _overlaps++;
            _maxInside = Math.Max(_maxInside, inside);
        }

        private void Exit() => Interlocked.Decrement(ref _inside);
    }

    /// <summary>Replies after awaiting, from the continuation, using Self, Sender and Context there.</summary>
    private sealed class AwaitingReplier : ReceiveActor
    {
        private readonly IActorRef _reportTo;
        private int _count;

        public AwaitingReplier(IActorRef reportTo)
        {
            _reportTo = reportTo;
            ReceiveAsync<string>(async s =>
            {
                await Task.Run(() => { });
                Sender.Tell($"{s} from {Self.Path.Name} under {Context.Parent.Path.Name}", Self);
                await Task.Yield();
                Sender.Tell($"{s} again", Self);
            }, s => s.StartsWith("hello", StringComparison.Ordinal));
            ReceiveAsync<FailAfterAwait>(async f =>
            {
                await Task.Run(() => { });
                throw new TestException(f.Reason);
            });
#pragma warning disable CS1998 // the handler fails before it would await: that is the point
            ReceiveAsync<FailBeforeAwait>(async f => throw new TestException(f.Reason));
#pragma warning restore CS1998
            ReceiveAsync<CancelAfterAwait>(async _ =>
            {
                await Task.Yield();
                throw new OperationCanceledException();
            });
            ReceiveAnyAsync(async m =>
            {
                await Task.Yield();
                if (Equals(m, "inc")) Sender.Tell(++_count, Self);
                else reportTo.Tell(m, Self);
            });
        }

        protected override void PreRestart(Exception reason, object? message) =>
            _reportTo.Tell(new Hook(Self.Path.Name, Hook.PreRestart, reason.Message, message), Self);
    }

    private IActorRef NewReplier(IActorRef reportTo) => Sys.ActorOf(Props.Create(() => new AwaitingReplier(reportTo)), "replier");

    [Fact]
    public void No_other_message_is_processed_while_an_async_handler_is_pending()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Overlapping(TestActor)), "overlapping");
        for (var i = 0; i < 60; i++) actor.Tell(i % 2 == 0 ? new AsyncWork(i) : new SyncWork(i), TestActor);
        actor.Tell("stats", TestActor);

        var order = ReceiveN(60, TimeSpan.FromSeconds(10)).As<int>();
        Assert.Equal(Enumerable.Range(0, 60), order);
        Assert.Equal(new Stats(MaxInside: 1, Overlaps: 0), ExpectMsg<Stats>());
    }

    [Fact]
    public void Self_Sender_and_Context_stay_valid_after_an_await()
    {
        var actor = NewReplier(TestActor);
        var other = CreateTestProbe();
        actor.Tell("hello", other.Ref);

        other.ExpectMsg("hello from replier under user");
        Assert.Equal(actor, other.LastSender);
        other.ExpectMsg("hello again");
        Assert.Equal(actor, other.LastSender);
    }

    [Fact]
    public void An_exception_after_an_await_makes_the_supervisor_restart_the_actor()
    {
        var actor = NewReplier(TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg(1);

        actor.Tell(new FailAfterAwait("late failure"), TestActor);
        actor.Tell("inc", TestActor);

        ExpectMsg(new Hook("replier", Hook.PreRestart, "late failure", new FailAfterAwait("late failure")));
        ExpectMsg(1);
        ExpectLog(l => l.Exception is TestException { Message: "late failure" } && l.Message.Contains("restarted"));
    }

    [Fact]
    public void An_exception_before_the_first_await_makes_the_supervisor_restart_the_actor()
    {
        var actor = NewReplier(TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg(1);
        actor.Tell(new FailBeforeAwait("early failure"), TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart && h.Reason == "early failure");
        ExpectMsg(1);
        ExpectLog(l => l.Exception is TestException { Message: "early failure" });
    }

    [Fact]
    public void A_cancelled_async_handler_counts_as_a_failure()
    {
        var actor = NewReplier(TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg(1);
        actor.Tell(new CancelAfterAwait(), TestActor);
        actor.Tell("inc", TestActor);
        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart);
        ExpectMsg(1);
        ExpectLog(l => l.Exception is OperationCanceledException);
    }

    [Fact]
    public void Stopping_an_actor_while_its_handler_is_pending_discards_the_rest_of_the_handler()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "recorder");
        ExpectMsg(new Hook("recorder", Hook.PreStart));
        var gate = new Gate();
        actor.Tell(new Hold(gate), TestActor);
        ExpectMsg<Holding>();
        actor.Tell("queued", TestActor);
        Watch(actor);

        Sys.Stop(actor);
        ExpectMsg(new Hook("recorder", Hook.PostStop));
        ExpectTerminated(actor);
        gate.Open();
        ExpectDeadLetter(d => Equals(d.Message, "queued"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ReceiveAnyAsync_handles_whatever_no_other_handler_took()
    {
        var actor = NewReplier(TestActor);
        actor.Tell(12.5, TestActor);
        ExpectMsg(12.5);
    }
}
