using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class SchedulerSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    [Fact]
    public void ScheduleTellOnce_tells_the_message_once_after_the_delay()
    {
        var probe = CreateTestProbe();
        Within(TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(3), () =>
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "once", probe.Ref);
            return ExpectMsg("once");
        });
        Assert.Equal(probe.Ref, LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ScheduleTellRepeatedly_tells_until_cancelled()
    {
        var timer = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "again", null);
        Assert.All(ReceiveN(5), m => Assert.Equal("again", m));
        timer.Cancel();
        Assert.True(timer.IsCancellationRequested);
        // A tick may have been in flight when cancelled; after that, silence.
        ExpectNoMsgAfterDraining("again", TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_cancelled_single_schedule_never_fires()
    {
        var timer = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "never", null);
        timer.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task ScheduleOnce_runs_the_action_on_the_thread_pool()
    {
        var ran = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => ran.TrySetResult(Thread.CurrentThread.IsThreadPoolThread));
        Assert.True(await ran.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public async Task Nothing_fires_after_the_system_has_terminated()
    {
        var system = ActorSystem.Create("scheduler-stop", new ActorSystemSettings { StdoutLogging = false });
        var fired = 0;
        system.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), TestActor, "tick", null);
        FishForMessage<string>(m => m == "tick");
        await system.Terminate();
        system.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref fired));

        ExpectNoMsgAfterDraining("tick", TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, Volatile.Read(ref fired));
    }

    /// <summary>Skips <paramref name="message"/>s already on their way, then expects silence for <paramref name="quiet"/>.</summary>
    private void ExpectNoMsgAfterDraining(string message, TimeSpan quiet)
    {
        for (var drained = 0; ; drained++)
        {
            Assert.True(drained <= 3, $"still receiving {message} after it should have stopped");
            try
            {
                var m = ReceiveOne(quiet);
                Assert.Equal(message, m);
            }
            catch (Xunit.Sdk.XunitException e) when (e.Message.StartsWith("Timeout", StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
