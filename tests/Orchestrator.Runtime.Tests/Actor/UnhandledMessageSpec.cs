using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Event;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class UnhandledMessageSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record Unknown(int N);

    /// <summary>Handles strings only.</summary>
    private sealed class StringsOnly : ReceiveActor
    {
        public StringsOnly() => Receive<string>(s => Sender.Tell(s, Self));
    }

    /// <summary>An untyped actor that declares everything but "ok" unhandled.</summary>
    private sealed class Picky : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "ok") Sender.Tell("ok", Self);
            else Unhandled(message);
        }
    }

    [Fact]
    public void A_message_no_handler_takes_is_published_as_UnhandledMessage_and_logged_as_a_warning()
    {
        var actor = Sys.ActorOf(Props.Create<StringsOnly>(), "strings");
        actor.Tell(new Unknown(1), TestActor);

        AwaitCondition(() => UnhandledMessages.Any(u => Equals(u.Message, new Unknown(1))));
        var unhandled = UnhandledMessages.Single(u => Equals(u.Message, new Unknown(1)));
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);

        var log = ExpectLog(l => l.Message.Contains("Unhandled message Unknown"));
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Equal(actor.Path.ToString(), log.Source);
        Assert.Contains(TestActor.Path.ToString(), log.Message);

        actor.Tell("still works", TestActor);
        ExpectMsg("still works");
    }

    [Fact]
    public void An_untyped_actor_calling_Unhandled_publishes_UnhandledMessage()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>(), "picky");
        actor.Tell("not ok", TestActor);
        actor.Tell("ok", TestActor);
        ExpectMsg("ok");
        AwaitCondition(() => UnhandledMessages.Any(u => Equals(u.Message, "not ok") && u.Recipient.Equals(actor)));
    }

    [Fact]
    public async Task With_log_unhandled_off_unhandled_messages_are_published_but_not_logged()
    {
        var system = ActorSystem.Create("quiet", new ActorSystemSettings { LogUnhandled = false, StdoutLogging = false });
        try
        {
            system.EventStream.Subscribe<UnhandledMessage>(TestActor);
            system.EventStream.Subscribe<LogEvent>(TestActor);
            var actor = system.ActorOf(Props.Create<StringsOnly>(), "strings");

            actor.Tell(new Unknown(2), TestActor);
            Assert.Equal(new Unknown(2), ExpectMsg<UnhandledMessage>().Message);
            actor.Tell("flush", TestActor);
            ExpectMsg("flush");
            ExpectNoMsg();
        }
        finally
        {
            await system.Terminate();
        }
    }
}
