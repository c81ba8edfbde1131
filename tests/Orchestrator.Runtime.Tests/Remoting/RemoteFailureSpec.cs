using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Remoting;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// What remoting refuses: frames over maximum-frame-size (on either side, logged with sender, recipient
/// and size, the connection staying up), payloads of unknown manifests (dropped and logged, never
/// deserialized), and systems that do not hold the cluster secret (no association, nothing delivered).
/// This system accepts frames up to 64 KiB, the other up to 1 MiB.
/// </summary>
public sealed class RemoteFailureSpec : RemotingSpecBase
{
    private readonly ActorSystem _other;

    public RemoteFailureSpec() : base("maximum-frame-size = 64KiB") => _other = CreateSystem(extra: "maximum-frame-size = 1MiB");

    [Fact]
    public void An_outbound_message_over_the_maximum_frame_size_is_not_sent_and_is_logged()
    {
        var echoThere = _other.ActorOf(Props.Create<EchoActor>(), "echo");
        var echo = Remote(Sys, echoThere);

        echo.Tell(new Blob(new string('x', 100_000)), TestActor);
        echo.Tell(new Ping("after the blob"), TestActor);

        ExpectMsg<Pong>(p => p.Text == "after the blob");
        var log = ExpectLog(l => l.Level == LogLevel.Error && l.Message.Contains("Frame too large"));
        Assert.Contains(TestActor.Path.ToSerializationFormat(), log.Message);
        Assert.Contains(echoThere.Path.ToSerializationFormat(), log.Message);
        Assert.Contains("Blob", log.Message);
        Assert.Matches(@"a 100\d{3}-byte message", log.Message);
        ExpectDeadLetter(d => d.Message is Blob);
    }

    [Fact]
    public void An_inbound_frame_over_the_maximum_frame_size_is_skipped_and_logged_and_the_connection_survives()
    {
        var probe = Remote(_other, TestActor);
        var senderThere = _other.ActorOf(Props.Create<EchoActor>(), "big-sender");

        probe.Tell(new Blob(new string('y', 200_000)), senderThere);
        probe.Tell(new Ping("after the big frame"), senderThere);

        ExpectMsg<Ping>(p => p.Text == "after the big frame", TimeSpan.FromSeconds(10));
        var log = ExpectLog(l => l.Level == LogLevel.Error && l.Message.Contains("Frame too large"));
        Assert.Contains(senderThere.Path.ToSerializationFormat(), log.Message);
        Assert.Contains(TestActor.Path.ToSerializationFormat(), log.Message);
        Assert.Contains("skipped", log.Message);
        Assert.True(_other.Remote!.ExistingAssociation(Sys.Address)!.IsConnected);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_message_of_an_unknown_manifest_is_dropped_with_an_error_and_later_messages_arrive()
    {
        _other.Serialization.Register<OnlyThere>("remote-test.only-there/v1");
        var probe = Remote(_other, TestActor);

        probe.Tell(new OnlyThere(7), null);
        probe.Tell(new Ping("known"), null);

        ExpectMsg<Ping>(p => p.Text == "known", TimeSpan.FromSeconds(10));
        var log = ExpectLog(l => l.Level == LogLevel.Error && l.Message.Contains("unknown manifest"));
        Assert.Contains("'remote-test.only-there/v1'", log.Message);
        Assert.Contains(TestActor.Path.ToSerializationFormat(), log.Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Theory]
    [InlineData("a-wrong-secret")]
    [InlineData("")]
    public void A_system_without_the_cluster_secret_cannot_associate_or_deliver(string secret)
    {
        var intruder = CreateSystem(secret);
        var probe = Remote(intruder, TestActor);

        for (var i = 0; i < 5; i++) probe.Tell(new Ping("let me in"), null);

        var log = ExpectLog(l => l.Level == LogLevel.Error && l.Message.Contains("Refused an association"), TimeSpan.FromSeconds(10));
        Assert.Contains("cluster secret", log.Message);
        Assert.Contains(intruder.Address.ToString(), log.Message);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.False(intruder.Remote!.ExistingAssociation(Sys.Address)?.IsConnected ?? false);
        Assert.Null(Sys.Remote!.ExistingAssociation(intruder.Address));

        // The real peer is unaffected.
        Remote(_other, TestActor).Tell(new Ping("friend"), null);
        ExpectMsg<Ping>(p => p.Text == "friend", TimeSpan.FromSeconds(10));
    }
}
