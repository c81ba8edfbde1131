using Orchestrator.Runtime;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class SmokeSpec : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    [Fact]
    public async Task An_actor_answers_tell_and_ask_and_stops()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(42, await echo.Ask<int>(42));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
    }
}
