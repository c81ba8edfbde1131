using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ReceiveActorSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed class Handlers : ReceiveActor
    {
        public Handlers()
        {
            Receive<int>(n => Sender.Tell($"small {n}", Self), n => n < 10);
            TryReceive<int>(n =>
            {
                if (n == 99) return false;
                Sender.Tell($"large {n}", Self);
                return true;
            });
            Receive<string>(_ => Receive<double>(d => Sender.Tell(d, Self)), s => s == "register-late");
            Receive<string>(s => Sender.Tell($"string {s}", Self));
            ReceiveAny(m => Sender.Tell($"any {m}", Self));
        }
    }

    private sealed class NoCatchAll : ReceiveActor
    {
        public NoCatchAll() => Receive<string>(s => Sender.Tell(s, Self));
    }

    private IActorRef NewHandlers() => Sys.ActorOf(Props.Create<Handlers>(), "handlers");

    [Fact]
    public void The_first_handler_whose_type_and_predicate_match_takes_the_message()
    {
        var actor = NewHandlers();
        actor.Tell(3, TestActor);
        actor.Tell(30, TestActor);
        actor.Tell("s", TestActor);
        ExpectMsg("small 3");
        ExpectMsg("large 30");
        ExpectMsg("string s");
    }

    [Fact]
    public void A_handler_returning_false_passes_the_message_on_to_the_next_one()
    {
        var actor = NewHandlers();
        actor.Tell(99, TestActor);
        ExpectMsg("any 99");
    }

    [Fact]
    public void ReceiveAny_takes_whatever_the_earlier_handlers_left()
    {
        var actor = NewHandlers();
        actor.Tell(1.5m, TestActor);
        ExpectMsg("any 1.5");
    }

    [Fact]
    public void Without_a_matching_handler_the_message_is_unhandled()
    {
        var actor = Sys.ActorOf(Props.Create<NoCatchAll>(), "strict");
        actor.Tell(7, TestActor);
        actor.Tell("after", TestActor);
        ExpectMsg("after");
        AwaitCondition(() => UnhandledMessages.Any(u => Equals(u.Message, 7)));
    }

    [Fact]
    public void Registering_a_handler_while_processing_a_message_is_an_error()
    {
        var actor = NewHandlers();
        actor.Tell("register-late", TestActor);
        var log = ExpectLog(l => l.Exception is InvalidOperationException);
        Assert.Contains("constructor", log.Exception!.Message);
        actor.Tell(2.5, TestActor);
        ExpectMsg("any 2.5");
    }
}
