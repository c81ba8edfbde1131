using Orchestrator.Hocon;
using Orchestrator.Runtime.Remoting;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// Two (or more) actor systems in this process, each with remoting on its own port, talking over real
/// sockets on 127.0.0.1: messaging, Ask, Forward, refs in messages, ordering, selections and the
/// kernel messages that cross the wire.
/// </summary>
public sealed class RemotingSpec : RemotingSpecBase
{
    private readonly ActorSystem _other;

    public RemotingSpec() => _other = CreateSystem();

    [Fact]
    public void The_system_address_names_the_bound_port_and_local_paths_carry_it()
    {
        Assert.Equal("orch.tcp", Sys.Address.Protocol);
        Assert.Equal("127.0.0.1", Sys.Address.Host);
        Assert.True(Sys.Address.Port > 0);
        Assert.NotEqual(Sys.Address.Port, _other.Address.Port);
        Assert.StartsWith($"orch.tcp://{Sys.Name}@127.0.0.1:{Sys.Address.Port}/user/", TestActor.Path.ToString());
        Assert.Same(TestActor, Sys.ResolveActorRef(TestActor.Path.ToSerializationFormat()));
    }

    [Fact]
    public void Tell_crosses_to_the_other_system_and_the_reply_reaches_the_sender()
    {
        var echo = Remote(Sys, _other.ActorOf(Props.Create<EchoActor>(), "echo"));

        echo.Tell(new Ping("hello"), TestActor);

        ExpectMsg<Pong>(p => p.Text == "hello");
        Assert.IsType<RemoteActorRef>(LastSender);
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public async Task Ask_across_systems_completes_and_releases_its_temp_ref()
    {
        var echo = Remote(Sys, _other.ActorOf(Props.Create<EchoActor>(), "echo"));

        var reply = await echo.Ask<Pong>(new Ping("asked"), Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal("asked", reply.Text);

        var failure = await Assert.ThrowsAsync<RemoteFailureException>(() => echo.Ask<Pong>(new Ping("fail"), Dilated(TimeSpan.FromSeconds(10))));
        Assert.Equal("System.InvalidOperationException", failure.OriginalType);
        Assert.Equal("boom", failure.OriginalMessage);

        Assert.Empty(Sys.TempRefs);
    }

    [Fact]
    public void Forward_across_systems_keeps_the_original_sender()
    {
        // TestActor -> forwarder (other system) -> echo (back in this system) -> reply to TestActor.
        var echoHere = Sys.ActorOf(Props.Create<EchoActor>(), "echo-here");
        var forwarderThere = _other.ActorOf(Props.Create(() => new ForwarderActor(Remote(_other, echoHere))), "forwarder");

        Remote(Sys, forwarderThere).Tell(new Ping("forwarded"), TestActor);

        ExpectMsg<Pong>(p => p.Text == "forwarded");
        Assert.Same(echoHere, LastSender);
    }

    [Fact]
    public void Refs_inside_messages_come_back_as_local_or_remote_refs()
    {
        var checkerThere = _other.ActorOf(Props.Create<RefCheckerActor>(), "checker");
        var checker = Remote(Sys, checkerThere);

        checker.Tell(new RefCarrier(TestActor, checker, "out"), TestActor);

        var answer = ExpectMsg<RefCarrier>();
        Assert.Equal("second-is-self=True;first-is-remote=True", answer.Note);
        Assert.IsType<RemoteActorRef>(answer.First);
        Assert.Equal(checker, answer.First);
        Assert.Same(TestActor, answer.Second);
    }

    [Fact]
    public void Ten_thousand_messages_arrive_in_the_order_they_were_sent()
    {
        const int count = 10_000;
        var probeFromThere = Remote(_other, TestActor);
        var senderThere = _other.ActorOf(Props.Create<EchoActor>(), "sender");

        for (var i = 0; i < count; i++) probeFromThere.Tell(new Numbered(i), senderThere);

        var received = TestProbe.ReceiveN(count, TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++) Assert.Equal(i, Assert.IsType<Numbered>(received[i]).N);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_remote_selection_is_resolved_by_the_other_system()
    {
        var echoThere = _other.ActorOf(Props.Create<EchoActor>(), "echo");

        Sys.ActorSelection($"{_other.Address}/user/echo").Tell(new Ping("selected"), TestActor);
        ExpectMsg<Pong>(p => p.Text == "selected");

        Sys.ActorSelection($"{_other.Address}/user/ec*").Tell(new Ping("wildcard"), TestActor);
        ExpectMsg<Pong>(p => p.Text == "wildcard");

        var resolved = await Sys.ActorSelection($"{_other.Address}/user/echo").ResolveOne(Dilated(TimeSpan.FromSeconds(10)));
        Assert.IsType<RemoteActorRef>(resolved);
        Assert.Equal(echoThere.Path.ToSerializationFormat(), resolved.Path.ToSerializationFormat());

        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection($"{_other.Address}/user/nobody-here").ResolveOne(Dilated(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void Identify_and_PoisonPill_cross_the_wire()
    {
        var echoThere = _other.ActorOf(Props.Create<EchoActor>(), "echo");
        var echo = Remote(Sys, echoThere);

        echo.Tell(new Identify(42), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(42, identity.MessageId);
        Assert.Equal(echoThere.Path.ToSerializationFormat(), identity.Subject!.Path.ToSerializationFormat());

        Watch(echo);
        echo.Tell(PoisonPill.Instance, TestActor);
        ExpectTerminated(echo, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_ref_to_a_path_naming_no_actor_sends_to_dead_letters_on_the_other_side()
    {
        var nobody = Sys.ResolveActorRef($"{_other.Address}/user/missing");
        Assert.IsType<RemoteActorRef>(nobody);

        nobody.Tell(new Identify("who"), TestActor);

        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("who", identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public async Task Simultaneous_first_messages_in_both_directions_all_arrive_over_one_connection()
    {
        // Two fresh systems that have never talked: both dial at the same moment.
        var a = CreateSystem();
        var b = CreateSystem();
        var probeA = new Inbox(a, TestKitSettings);
        var probeB = new Inbox(b, TestKitSettings);
        var toB = Remote(a, probeB.Ref);
        var toA = Remote(b, probeA.Ref);
        using var start = new Barrier(2);

        var sendA = Task.Run(() => { start.SignalAndWait(); for (var i = 0; i < 200; i++) toB.Tell(new Numbered(i), probeA.Ref); });
        var sendB = Task.Run(() => { start.SignalAndWait(); for (var i = 0; i < 200; i++) toA.Tell(new Numbered(i), probeB.Ref); });
        await Task.WhenAll(sendA, sendB).WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        foreach (var probe in new[] { probeA, probeB })
        {
            var received = probe.ReceiveN(200, TimeSpan.FromSeconds(20));
            for (var i = 0; i < 200; i++) Assert.Equal(i, Assert.IsType<Numbered>(received[i]).N);
        }
        AwaitCondition(() => a.Remote!.ExistingAssociation(b.Address)?.IsConnected == true && b.Remote!.ExistingAssociation(a.Address)?.IsConnected == true,
            TimeSpan.FromSeconds(10), "both sides connected");
    }

    [Fact]
    public void Invalid_remote_settings_fail_naming_the_key()
    {
        var e = Assert.Throws<ConfigException>(() => ActorSystem.Create("bad-port", Config.Parse("orchestrator.remote { enabled = on, port = 70000 }")));
        Assert.Contains("orchestrator.remote.port", e.Message);
    }

    [Fact]
    public void Without_remoting_a_selection_of_another_address_is_rejected()
    {
        using var local = new LocalOnly();
        var e = Assert.Throws<ArgumentException>(() => local.System.ActorSelection($"{Sys.Address}/user/a"));
        Assert.Contains("another system", e.Message);
    }

    private sealed class LocalOnly : IDisposable
    {
        public ActorSystem System { get; } = ActorSystem.Create("local-only", new ActorSystemSettings { StdoutLogging = false });
        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
