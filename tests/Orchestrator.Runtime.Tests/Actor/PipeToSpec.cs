using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class PipeToSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record Pipe(Func<Task<int>> Work);

    private sealed record PipeMapped(Func<Task<int>> Work);

    private sealed record PipeWithSender(Func<Task<int>> Work, IActorRef Sender);

    private sealed record PipePlain(Func<Task> Work);

    /// <summary>Starts the given work and pipes its outcome to <c>reportTo</c>.</summary>
    private sealed class Piper : ReceiveActor
    {
        public Piper(IActorRef reportTo)
        {
            Receive<Pipe>(p => p.Work().PipeTo(reportTo));
            Receive<PipeMapped>(p => p.Work().PipeTo(reportTo, success: n => $"ok {n}", failure: e => $"failed {e.Message}"));
            Receive<PipeWithSender>(p => p.Work().PipeTo(reportTo, p.Sender));
            Receive<PipePlain>(p => p.Work().PipeTo(reportTo));
        }
    }

    private IActorRef NewPiper() => Sys.ActorOf(Props.Create(() => new Piper(TestActor)), "piper");

    private static Task<int> Later(int n) => Task.Run(async () =>
    {
        await Task.Yield();
        return n;
    });

    private static Task<int> FailLater(string reason) => Task.Run<int>(async () =>
    {
        await Task.Yield();
        throw new TestException(reason);
    });

    [Fact]
    public void PipeTo_delivers_the_result_with_the_piping_actor_as_sender()
    {
        var piper = NewPiper();
        piper.Tell(new Pipe(() => Later(42)), TestActor);
        ExpectMsg(42);
        Assert.Equal(piper, LastSender);
    }

    [Fact]
    public void PipeTo_delivers_a_failure_as_Status_Failure_with_the_cause_and_the_piping_actor_as_sender()
    {
        var piper = NewPiper();
        piper.Tell(new Pipe(() => FailLater("broken")), TestActor);
        var failure = ExpectMsg<Status.Failure>();
        Assert.Equal("broken", Assert.IsType<TestException>(failure.Cause).Message);
        Assert.Equal(piper, LastSender);
    }

    [Fact]
    public void PipeTo_uses_an_explicit_sender_when_given_one()
    {
        var piper = NewPiper();
        var other = CreateTestProbe();
        piper.Tell(new PipeWithSender(() => Later(7), other.Ref), TestActor);
        ExpectMsg(7);
        Assert.Equal(other.Ref, LastSender);
    }

    [Fact]
    public void PipeTo_maps_success_and_failure_when_asked_to()
    {
        var piper = NewPiper();
        piper.Tell(new PipeMapped(() => Later(1)), TestActor);
        ExpectMsg("ok 1");
        piper.Tell(new PipeMapped(() => FailLater("nope")), TestActor);
        ExpectMsg("failed nope");
    }

    [Fact]
    public void PipeTo_of_a_task_without_result_sends_Status_Success()
    {
        var piper = NewPiper();
        piper.Tell(new PipePlain(() => Task.Run(async () => await Task.Yield())), TestActor);
        ExpectMsg<Status.Success>();
        Assert.Equal(piper, LastSender);
    }

    [Fact]
    public void PipeTo_of_a_cancelled_task_sends_Status_Failure_with_a_cancellation()
    {
        var piper = NewPiper();
        piper.Tell(new Pipe(() => Task.FromCanceled<int>(new CancellationToken(true))), TestActor);
        Assert.IsAssignableFrom<OperationCanceledException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void PipeTo_from_outside_any_actor_has_no_sender()
    {
        Later(5).PipeTo(TestActor);
        ExpectMsg(5);
        Assert.Equal(Sys.DeadLetters, LastSender);
    }
}
