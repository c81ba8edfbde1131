using System.Diagnostics;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ReceiveTimeoutSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>Makes the actor send itself messages (of the given kind) back to back for <paramref name="For"/>, then report "done".</summary>
    private sealed record KeepBusy(TimeSpan For, bool InfluencesTimeout);

    private sealed record Busy(Stopwatch Since, TimeSpan For, bool InfluencesTimeout);

    private sealed record QuietBusy(Stopwatch Since, TimeSpan For) : INotInfluenceReceiveTimeout;

    private sealed class Idle : ReceiveActor
    {
        private readonly TimeSpan _timeout;

        public Idle(IActorRef reportTo, TimeSpan timeout, bool offAfterFirst)
        {
            _timeout = timeout;
            Receive<ReceiveTimeout>(_ =>
            {
                reportTo.Tell("timeout", Self);
                if (offAfterFirst) Context.SetReceiveTimeout(null);
            });
            Receive<KeepBusy>(k => Next(new Stopwatch(), k.For, k.InfluencesTimeout, reportTo, start: true));
            Receive<Busy>(b => Next(b.Since, b.For, influences: true, reportTo));
            Receive<QuietBusy>(b => Next(b.Since, b.For, influences: false, reportTo));
            Receive<string>(_ => Sender.Tell(Context.ReceiveTimeout?.ToString() ?? "none", Self), s => s == "which");
        }

        protected override void PreStart() => SetReceiveTimeout(_timeout);

        private void Next(Stopwatch since, TimeSpan duration, bool influences, IActorRef reportTo, bool start = false)
        {
            if (start) since.Start();
            if (since.Elapsed >= duration)
            {
                reportTo.Tell("done", Self);
                return;
            }
            Self.Tell(influences ? new Busy(since, duration, true) : new QuietBusy(since, duration), Self);
        }
    }

    private IActorRef NewIdle(TimeSpan timeout, bool offAfterFirst = false) =>
        Sys.ActorOf(Props.Create(() => new Idle(TestActor, timeout, offAfterFirst)), "idle");

    [Fact]
    public void ReceiveTimeout_arrives_once_the_actor_has_been_idle_for_the_timeout()
    {
        Within(TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(3), () =>
        {
            NewIdle(TimeSpan.FromMilliseconds(100));
            return ExpectMsg("timeout");
        });
    }

    [Fact]
    public void ReceiveTimeout_repeats_while_the_actor_stays_idle()
    {
        NewIdle(TimeSpan.FromMilliseconds(50));
        ExpectMsg("timeout");
        ExpectMsg("timeout");
        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_does_not_arrive_while_messages_keep_coming()
    {
        var timeout = Dilated(TimeSpan.FromMilliseconds(200));
        var actor = NewIdle(timeout);
        actor.Tell(new KeepBusy(timeout * 3, InfluencesTimeout: true), TestActor);
        // Anything before "done" (i.e. a timeout while busy) fails the expectation.
        ExpectMsg("done", timeout * 20);
        ExpectMsg("timeout");
    }

    [Fact]
    public void Messages_marked_as_not_influencing_the_timeout_do_not_hold_it_off()
    {
        var timeout = Dilated(TimeSpan.FromMilliseconds(100));
        var actor = NewIdle(timeout);
        actor.Tell(new KeepBusy(timeout * 6, InfluencesTimeout: false), TestActor);
        // KeepBusy itself counts as activity; the quiet messages after it do not.
        ExpectMsg("timeout", timeout * 20);
        FishForMessage<string>(m => m == "done", timeout * 20);
    }

    [Fact]
    public void Setting_the_receive_timeout_to_null_turns_it_off()
    {
        var actor = NewIdle(TimeSpan.FromMilliseconds(50), offAfterFirst: true);
        ExpectMsg("timeout");
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
        actor.Tell("which", TestActor);
        ExpectMsg("none");
    }

    [Fact]
    public void The_context_reports_the_receive_timeout_that_is_set()
    {
        var actor = NewIdle(TimeSpan.FromMinutes(5));
        actor.Tell("which", TestActor);
        ExpectMsg(TimeSpan.FromMinutes(5).ToString());
    }
}
