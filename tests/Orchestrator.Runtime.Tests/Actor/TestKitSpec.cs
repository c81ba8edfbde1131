using System.Diagnostics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class TestKitSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>A kit with its own timing, to observe dilation.</summary>
    private sealed class DilatedKit(double factor) : TestKit.TestKit(testKitSettings: new TestKit.TestKitSettings(factor, TimeSpan.FromMilliseconds(200)));

    /// <summary>A kit whose system cannot finish its coordinated shutdown within the kit's (dilated) 10 s.</summary>
    private sealed class StuckKit() : TestKit.TestKit(
        new ActorSystemSettings
        {
            ShutdownPhases =
            [
                new ShutdownPhase("stuck", TimeSpan.FromSeconds(2), []),
                new ShutdownPhase(CoordinatedShutdown.PhaseActorSystemTerminate, TimeSpan.FromSeconds(5), ["stuck"]),
            ],
        },
        testKitSettings: new TestKit.TestKitSettings(0.02, TimeSpan.FromSeconds(1)));

    private void Later(TimeSpan delay, object message) => Sys.Scheduler.ScheduleTellOnce(delay, TestActor, message, null);

    [Fact]
    public void ExpectMsg_fails_naming_what_was_expected_and_what_came()
    {
        TestActor.Tell("actual", null);
        var e = Assert.Throws<XunitException>(() => ExpectMsg("expected"));
        Assert.Contains("expected", e.Message);
        Assert.Contains("actual", e.Message);
    }

    [Fact]
    public void ExpectMsg_of_a_type_fails_on_a_message_of_another_type()
    {
        TestActor.Tell(42, null);
        var e = Assert.Throws<XunitException>(() => ExpectMsg<string>());
        Assert.Contains("String", e.Message);
        Assert.Contains("Int32", e.Message);
    }

    [Fact]
    public void ExpectMsg_times_out_when_nothing_comes()
    {
        var e = Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Timeout", e.Message);
    }

    [Fact]
    public void ExpectNoMsg_passes_when_nothing_arrives_and_fails_when_something_does()
    {
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Later(TimeSpan.FromMilliseconds(20), "surprise");
        var e = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(3)));
        Assert.Contains("surprise", e.Message);
    }

    [Fact]
    public void ReceiveN_returns_the_messages_in_arrival_order()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i, null);
        Assert.Equal([0, 1, 2, 3, 4], ReceiveN(5).As<int>());
    }

    [Fact]
    public void ReceiveN_accepts_long_and_infinite_timeouts()
    {
        for (var i = 0; i < 4; i++) TestActor.Tell(i, null);
        Assert.Equal([0, 1], ReceiveN(2, TimeSpan.FromHours(1)).As<int>());
        Assert.Equal([2, 3], ReceiveN(2, Timeout.InfiniteTimeSpan).As<int>());
    }

    [Fact]
    public void ReceiveN_fails_saying_how_many_arrived()
    {
        TestActor.Tell(1, null);
        TestActor.Tell(2, null);
        var e = Assert.Throws<XunitException>(() => ReceiveN(3, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("3 messages: got 2", e.Message);
    }

    [Fact]
    public void FishForMessage_skips_messages_until_one_matches()
    {
        foreach (var m in new object[] { "a", 1, "b", 2 }) TestActor.Tell(m, null);
        Assert.Equal(2, FishForMessage<int>(n => n > 1));
        ExpectNoMsg();
    }

    [Fact]
    public void FishForMessage_fails_saying_how_many_it_skipped()
    {
        foreach (var m in new object[] { "a", "b" }) TestActor.Tell(m, null);
        var e = Assert.Throws<XunitException>(() => FishForMessage<int>(_ => true, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("skipped 2", e.Message);
    }

    [Fact]
    public void Within_passes_when_the_block_takes_between_min_and_max()
    {
        Later(TimeSpan.FromMilliseconds(200), "late");
        Assert.Equal("late", Within(TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5), () => ExpectMsg<string>()));
    }

    [Fact]
    public void Within_fails_when_the_block_finishes_before_min()
    {
        TestActor.Tell("early", null);
        var e = Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => ExpectMsg<string>()));
        Assert.Contains("before the minimum", e.Message);
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it_by_max()
    {
        var watch = Stopwatch.StartNew();
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>(TimeSpan.FromSeconds(30))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Within_bounds_even_an_expectation_with_an_infinite_timeout()
    {
        // Run on another thread so that a broken bound fails this test instead of hanging the run.
        var expectation = Task.Run(() => Assert.Throws<XunitException>(() =>
            Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>(Timeout.InfiniteTimeSpan))));
        await expectation.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_passes()
    {
        var sink = CreateTestProbe();
        var counter = Sys.ActorOf(Recorder.Props(sink.Ref), "counter");
        for (var i = 0; i < 50; i++) counter.Tell("inc", sink.Ref);
        AwaitAssert(() =>
        {
            counter.Tell("count", TestActor);
            Assert.Equal(50, ExpectMsg<int>());
        });
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_when_time_runs_out()
    {
        var attempts = 0;
        var e = Assert.Throws<InvalidOperationException>(() =>
            AwaitAssert(() => throw new InvalidOperationException("attempt " + ++attempts), TimeSpan.FromMilliseconds(200)));
        Assert.True(attempts > 1);
        Assert.Equal("attempt " + attempts, e.Message);
    }

    [Fact]
    public void AwaitCondition_waits_for_the_condition_and_fails_with_the_given_message()
    {
        var since = Stopwatch.StartNew();
        AwaitCondition(() => since.ElapsedMilliseconds > 50);
        var e = Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), "never true"));
        Assert.Contains("never true", e.Message);
    }

    [Fact]
    public void Several_probes_each_receive_only_their_own_messages()
    {
        var probes = Enumerable.Range(0, 3).Select(_ => CreateTestProbe()).ToList();
        Assert.Equal(3, probes.Select(p => p.Ref).Distinct().Count());
        for (var i = 0; i < probes.Count; i++) probes[i].Ref.Tell(i, TestActor);
        for (var i = 0; i < probes.Count; i++)
        {
            probes[i].ExpectMsg(i);
            Assert.Equal(TestActor, probes[i].LastSender);
            probes[i].ExpectNoMsg();
        }
        ExpectNoMsg();
    }

    [Fact]
    public void A_probe_can_reply_to_and_forward_what_it_received()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var probe = CreateTestProbe();
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);

        TestActor.Tell("question", probe.Ref);
        ExpectMsg("question");
        TestProbe.Reply("answer");
        probe.ExpectMsg("answer");

        var third = CreateTestProbe();
        probe.Ref.Tell("pass it on", TestActor);
        probe.ExpectMsg("pass it on");
        probe.Forward(third.Ref);
        third.ExpectMsg("pass it on");
        Assert.Equal(TestActor, third.LastSender);
    }

    [Fact]
    public void Dilated_scales_durations_by_the_time_factor_but_not_infinity()
    {
        var settings = new TestKit.TestKitSettings(2.5, TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Dilated(TimeSpan.FromSeconds(2)));
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.Dilated(Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Expectations_wait_for_the_dilated_duration()
    {
        var kit = new DilatedKit(4);
        try
        {
            Assert.Equal(TimeSpan.FromMilliseconds(400), kit.Dilated(TimeSpan.FromMilliseconds(100)));
            var watch = Stopwatch.StartNew();
            kit.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(390), $"ExpectNoMsg returned after {watch.Elapsed.TotalMilliseconds} ms");

            watch.Restart();
            Assert.Throws<XunitException>(() => kit.ExpectMsg<string>());
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(790), $"the default expectation gave up after {watch.Elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            await kit.DisposeAsync();
        }
    }

    [Fact]
    public async Task Disposing_a_kit_whose_system_does_not_terminate_in_time_fails()
    {
        var kit = new StuckKit();
        kit.Sys.CoordinatedShutdown.AddTask("stuck", "never-finishes", () => new TaskCompletionSource().Task);
        var e = await Assert.ThrowsAsync<XunitException>(kit.DisposeAsync);
        Assert.Contains("did not terminate", e.Message);
        await kit.Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
