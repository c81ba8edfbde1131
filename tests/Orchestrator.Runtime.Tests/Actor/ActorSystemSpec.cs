using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ActorSystemSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed class Extension(ActorSystem system)
    {
        public ActorSystem System { get; } = system;
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("has/slash")]
    public void A_system_name_must_be_letters_digits_dashes_and_underscores(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create(name, new ActorSystemSettings { StdoutLogging = false }));
        Assert.Contains("Invalid actor system name", e.Message);
    }

    [Fact]
    public void A_throughput_below_one_is_rejected_naming_the_key()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", new ActorSystemSettings { Throughput = 0, StdoutLogging = false }));
        Assert.Contains("orchestrator.actor.throughput", e.Message);
    }

    [Fact]
    public void A_non_positive_ask_timeout_is_rejected_naming_the_key()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", new ActorSystemSettings { AskTimeout = TimeSpan.Zero, StdoutLogging = false }));
        Assert.Contains("orchestrator.actor.ask-timeout", e.Message);
    }

    [Fact]
    public async Task A_system_processing_one_message_per_turn_keeps_order_and_lets_stops_overtake()
    {
        var system = ActorSystem.Create("one-per-turn", new ActorSystemSettings { Throughput = 1, StdoutLogging = false });
        try
        {
            var relay = system.ActorOf(Relay.Props(TestActor), "relay");
            for (var i = 0; i < 200; i++) relay.Tell(i, null);
            Assert.Equal(Enumerable.Range(0, 200), ReceiveN(200).As<int>());
            Assert.Equal("still", await system.ActorOf(Props.Create<Echo>()).Ask<string>("still"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void User_actors_live_under_user_and_runtime_actors_under_system()
    {
        var user = Sys.ActorOf(Props.Create<Echo>(), "mine");
        var runtime = Sys.SystemActorOf(Props.Create<Echo>(), "theirs");
        Assert.Equal("/user/mine", user.Path.ToStringWithoutAddress());
        Assert.Equal("/system/theirs", runtime.Path.ToStringWithoutAddress());
        Assert.Equal($"orch://{Sys.Name}/user/mine", user.Path.ToString());
        Assert.Equal(Sys.Name, Sys.Address.System);
        Assert.True(Sys.Address.IsLocal);
    }

    [Fact]
    public void An_extension_is_created_once_per_system_even_when_asked_for_concurrently()
    {
        var created = 0;
        var extensions = Enumerable.Range(0, 16).AsParallel().Select(_ => Sys.GetOrCreateExtension(s =>
        {
            Interlocked.Increment(ref created);
            return new Extension(s);
        })).ToList();
        Assert.Equal(1, created);
        Assert.All(extensions, e => Assert.Same(extensions[0], e));
        Assert.Same(Sys, extensions[0].System);
    }

    [Fact]
    public async Task A_failure_of_a_top_level_actor_does_not_stop_the_system()
    {
        var actor = Sys.ActorOf(Recorder.Props(TestActor), "top");
        ExpectMsg(new Hook("top", Hook.PreStart));
        actor.Tell(Kill.Instance, null);
        ExpectMsg(new Hook("top", Hook.PostStop));
        Assert.False(Sys.WhenTerminated.IsCompleted);
        Assert.Equal("alive", await Sys.ActorOf(Props.Create<Echo>()).Ask<string>("alive"));
    }

    [Fact]
    public async Task Creating_an_actor_after_the_system_terminated_is_refused()
    {
        await Sys.Terminate();
        var e = Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create<Echo>(), "late"));
        Assert.Contains("stopping", e.Message);
    }
}
