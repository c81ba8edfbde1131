using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class AskSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>Answers every message with a <see cref="Status.Failure"/>.</summary>
    private sealed class Refuser : ReceiveActor
    {
        public Refuser() => ReceiveAny(m => Sender.Tell(new Status.Failure(new TestException($"refused {m}")), Self));
    }

    /// <summary>Answers with the path of the sender it saw.</summary>
    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter() => ReceiveAny(_ => Sender.Tell(Sender.Path.ToString(), Self));
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal("hello", await echo.Ask<string>("hello", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Equal(42, await echo.Ask(42, Dilated(TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public async Task Ask_without_a_reply_fails_with_AskTimeoutException_naming_the_recipient()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>(), "silent");
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("question", TimeSpan.FromMilliseconds(100)));
        Assert.Contains(silent.Path.ToString(), e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Ask_without_a_timeout_uses_the_systems_ask_timeout()
    {
        var system = ActorSystem.Create("ask-default", new ActorSystemSettings { AskTimeout = TimeSpan.FromMilliseconds(100), StdoutLogging = false });
        try
        {
            var silent = system.ActorOf(Props.Create<Silent>(), "silent");
            await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("question"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_Status_Failure_reply_fails_the_Ask_with_its_cause()
    {
        var refuser = Sys.ActorOf(Props.Create<Refuser>(), "refuser");
        var e = await Assert.ThrowsAsync<TestException>(() => refuser.Ask<string>("please", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Equal("refused please", e.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_fails_with_InvalidCastException_naming_both_types()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", Dilated(TimeSpan.FromSeconds(3))));
        Assert.Contains("Int32", e.Message);
        Assert.Contains("String", e.Message);
        Assert.Contains(echo.Path.ToString(), e.Message);
    }

    [Fact]
    public async Task Asking_a_stopped_actor_fails_at_once()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);

        var ask = echo.Ask<string>("anyone?", TimeSpan.FromMinutes(5));
        Assert.True(ask.IsCompleted, "an Ask of a stopped actor should fail without waiting for its timeout");
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains("stopped", e.Message);
        Assert.Contains(echo.Path.ToString(), e.Message);
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_Ask()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>(), "silent");
        using var cts = new CancellationTokenSource();
        var ask = silent.Ask<string>("question", TimeSpan.FromMinutes(5), cts.Token);
        Assert.False(ask.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task The_recipient_sees_a_temporary_sender_that_is_not_dead_letters()
    {
        var reporter = Sys.ActorOf(Props.Create<SenderReporter>(), "reporter");
        var senderPath = await reporter.Ask<string>("who?", Dilated(TimeSpan.FromSeconds(3)));
        Assert.Contains("/temp/", senderPath);
        Assert.DoesNotContain("deadLetters", senderPath);
    }

    [Fact]
    public async Task A_late_reply_after_the_timeout_does_not_disturb_anything()
    {
        var holder = Sys.ActorOf(Holder.Props(TestActor), "holder");
        var gate = this.HoldActor(holder);
        var ask = holder.Ask<string>("late", TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        gate.Open();
        // The holder relays "late" to the test actor; its sender is the expired temporary ref.
        ExpectMsg("late");
        LastSender.Tell("too late", TestActor);
        Assert.Equal("still fine", await Sys.ActorOf(Props.Create<Echo>()).Ask<string>("still fine"));
    }
}
