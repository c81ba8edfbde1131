using System.Collections.Concurrent;
using Orchestrator.Runtime.Event;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class CoordinatedShutdownSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private static int _systems;

    /// <summary>Completes <c>stopped</c> from PostStop.</summary>
    private sealed class StopSignal(TaskCompletionSource<string> stopped) : ActorBase
    {
        protected override void PreStart() => Context.ActorOf(Props.Create(() => new StopSignalChild()), "child");

        protected override bool Receive(object message) => false;

        protected override void PostStop() => stopped.TrySetResult(Self.Path.Name);
    }

    private sealed class StopSignalChild : ActorBase
    {
        protected override bool Receive(object message) => false;
    }

    private static ShutdownPhase Phase(string name, TimeSpan timeout, params string[] dependsOn) => new(name, timeout, dependsOn);

    private static ShutdownPhase Phase(string name, params string[] dependsOn) => Phase(name, TimeSpan.FromSeconds(5), dependsOn);

    private static ActorSystem NewSystem(IReadOnlyList<ShutdownPhase> phases) =>
        ActorSystem.Create("shutdown-" + Interlocked.Increment(ref _systems), new ActorSystemSettings { StdoutLogging = false, ShutdownPhases = phases });

    /// <summary>
    /// Subscribes the test actor (which lives in the test's own system, so it outlives the one being
    /// terminated) to the other system's log events.
    /// </summary>
    private void RelayLogs(ActorSystem system) => system.EventStream.Subscribe<LogEvent>(TestActor);

    [Fact]
    public async Task Tasks_run_phase_by_phase_in_dependency_order()
    {
        var system = NewSystem([
            Phase("c", "b"), Phase("a"), Phase(CoordinatedShutdown.PhaseActorSystemTerminate, "c"), Phase("b", "a"),
        ]);
        Assert.Equal(["a", "b", "c", CoordinatedShutdown.PhaseActorSystemTerminate], system.CoordinatedShutdown.OrderedPhases.Select(p => p.Name));
        var ran = new ConcurrentQueue<string>();
        foreach (var phase in new[] { "c", "a", "b" })
        {
            system.CoordinatedShutdown.AddTask(phase, phase + "-1", async () =>
            {
                await Task.Yield();
                ran.Enqueue(phase);
            });
            system.CoordinatedShutdown.AddTask(phase, phase + "-2", () =>
            {
                ran.Enqueue(phase);
                return Task.CompletedTask;
            });
        }

        await system.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        Assert.Equal(["a", "a", "b", "b", "c", "c"], ran);
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void The_default_phases_run_in_their_documented_order()
    {
        Assert.Equal(
        [
            "before-service-unbind", "service-unbind", "service-requests-done", "service-stop", "before-cluster-shutdown",
            "cluster-sharding-shutdown-region", "cluster-leave", "cluster-exiting", "cluster-exiting-done", "cluster-shutdown",
            "before-actor-system-terminate", "actor-system-terminate",
        ], Sys.CoordinatedShutdown.OrderedPhases.Select(p => p.Name));
    }

    [Fact]
    public async Task A_phase_whose_task_hangs_times_out_and_shutdown_goes_on()
    {
        var system = NewSystem([
            Phase("hang", TimeSpan.FromMilliseconds(200)), Phase("after", "hang"), Phase(CoordinatedShutdown.PhaseActorSystemTerminate, "after"),
        ]);
        RelayLogs(system);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.CoordinatedShutdown.AddTask("hang", "never-finishes", () => new TaskCompletionSource().Task);
        system.CoordinatedShutdown.AddTask("after", "runs-anyway", () =>
        {
            after.TrySetResult();
            return Task.CompletedTask;
        });

        await system.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        Assert.True(after.Task.IsCompleted);
        var timedOut = FishForMessage<LogEvent>(l => l.Message.Contains("timed out"));
        Assert.Contains("hang", timedOut.Message);
    }

    [Fact]
    public async Task A_failing_task_is_logged_and_shutdown_goes_on()
    {
        var system = NewSystem([Phase("failing"), Phase(CoordinatedShutdown.PhaseActorSystemTerminate, "failing")]);
        RelayLogs(system);
        system.CoordinatedShutdown.AddTask("failing", "throws", () => throw new TestException("task failed"));

        await system.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        var failed = FishForMessage<LogEvent>(l => l.Exception is TestException);
        Assert.Contains("throws", failed.Message);
        Assert.Contains("failing", failed.Message);
    }

    [Fact]
    public async Task Terminate_stops_every_actor_and_completes_WhenTerminated()
    {
        var parent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.ActorOf(Props.Create(() => new StopSignal(parent)), "signal");
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal("up", await echo.Ask<string>("up"));

        await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal("signal", await parent.Task.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.True(echo.IsTerminated());
        Assert.Equal("actor system terminate requested", Sys.CoordinatedShutdown.ShutdownReason);
    }

    [Fact]
    public async Task Running_shutdown_twice_returns_the_same_run()
    {
        var system = NewSystem(CoordinatedShutdown.DefaultPhases);
        var first = system.CoordinatedShutdown.Run("first reason");
        var second = system.CoordinatedShutdown.Run("second reason");
        Assert.Same(first, second);
        await system.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal("first reason", system.CoordinatedShutdown.ShutdownReason);
    }

    [Fact]
    public void Adding_a_task_to_an_unknown_phase_is_an_ArgumentException_listing_the_phases()
    {
        var e = Assert.Throws<ArgumentException>(() => Sys.CoordinatedShutdown.AddTask("no-such-phase", "t", () => Task.CompletedTask));
        Assert.Contains("no-such-phase", e.Message);
        Assert.Contains(CoordinatedShutdown.PhaseServiceUnbind, e.Message);
    }

    [Fact]
    public void Phases_that_form_a_cycle_are_rejected_naming_the_cycle()
    {
        var e = Assert.Throws<ArgumentException>(() => CoordinatedShutdown.TopologicalSort([Phase("x", "z"), Phase("y", "x"), Phase("z", "y")]));
        Assert.Contains("cycle", e.Message);
        Assert.Contains("x -> z -> y -> x", e.Message);
    }

    [Fact]
    public void A_system_configured_with_cyclic_phases_cannot_be_created()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            NewSystem([Phase("x", "y"), Phase("y", "x"), Phase(CoordinatedShutdown.PhaseActorSystemTerminate, "x")]));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void A_phase_depending_on_an_unknown_phase_is_rejected_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => CoordinatedShutdown.TopologicalSort([Phase("x", "ghost")]));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("'ghost'", e.Message);
    }
}
