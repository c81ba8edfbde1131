using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class SystemMessageSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private const int Flood = 10_000;

    private sealed record Work(int N);

    /// <summary>How many <see cref="Work"/> messages the actor processed, reported from PostStop.</summary>
    private sealed record Processed(int Count);

    private sealed class Flooder : ReceiveActor
    {
        private readonly IActorRef _reportTo;
        private int _processed;

        public Flooder(IActorRef reportTo)
        {
            _reportTo = reportTo;
            Receive<string>(_ =>
            {
                for (var i = 0; i < Flood; i++) Self.Tell(new Work(i), Self);
                Context.Stop(Self);
            }, s => s == "flood-then-stop");
            Receive<Work>(_ => _processed++);
            ReceiveAsync<Hold>(async h =>
            {
                Sender.Tell(new Holding(Self.Path.Name), Self);
                await h.Gate.Opened;
            });
        }

        protected override void PostStop() => _reportTo.Tell(new Processed(_processed), Self);
    }

    private IActorRef NewFlooder() => Sys.ActorOf(Props.Create(() => new Flooder(TestActor)), "flooder");

    private void AwaitWorkDeadLetters(int count) =>
        AwaitCondition(() => DeadLetters.Count(d => d.Message is Work) == count, TimeSpan.FromSeconds(15),
            $"expected {count} dead letters of Work");

    [Fact]
    public void Context_Stop_overtakes_thousands_of_queued_user_messages_which_become_dead_letters()
    {
        var flooder = NewFlooder();
        Watch(flooder);
        flooder.Tell("flood-then-stop", TestActor);

        ExpectMsg(new Processed(0));
        ExpectTerminated(flooder);
        AwaitWorkDeadLetters(Flood);
    }

    [Fact]
    public void System_Stop_reaches_an_actor_whose_mailbox_holds_thousands_of_user_messages()
    {
        var flooder = NewFlooder();
        this.HoldActor(flooder);
        for (var i = 0; i < Flood; i++) flooder.Tell(new Work(i), TestActor);
        Watch(flooder);

        Sys.Stop(flooder);

        ExpectMsg(new Processed(0));
        ExpectTerminated(flooder);
        AwaitWorkDeadLetters(Flood);
        Assert.Equal(Enumerable.Range(0, Flood), DeadLetters.Select(d => d.Message).OfType<Work>().Select(w => w.N));
    }
}
