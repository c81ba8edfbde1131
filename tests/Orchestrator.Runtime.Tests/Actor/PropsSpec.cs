using Orchestrator.Runtime.Dispatch;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class PropsSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private abstract class AbstractActor : ActorBase;

    public sealed class WithArguments(string text, int number) : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell($"{text} {number}", Self);
            return true;
        }
    }

    [Fact]
    public void The_factory_is_called_once_per_incarnation()
    {
        var calls = 0;
        var actor = Sys.ActorOf(Props.Create(() =>
        {
            Interlocked.Increment(ref calls);
            return new Recorder(TestActor);
        }), "counted");
        ExpectMsg(new Hook("counted", Hook.PreStart));
        actor.Tell(new Fail("restart me"), TestActor);
        ExpectMsg<Hook>(h => h.Name == Hook.PreRestart);
        ExpectMsg<Hook>(h => h.Name == Hook.PostRestart);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public void Props_from_constructor_arguments_pass_them_to_the_constructor()
    {
        var actor = Sys.ActorOf(Props.Create<WithArguments>("answer", 42), "args");
        actor.Tell("?", TestActor);
        ExpectMsg("answer 42");
        Assert.Equal(typeof(WithArguments), Props.Create<WithArguments>("a", 1).Type);
    }

    [Fact]
    public void Props_for_a_type_that_is_not_an_actor_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
        Assert.Contains("not an actor", e.Message);
    }

    [Fact]
    public void Props_for_an_abstract_actor_type_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Props.Create(typeof(AbstractActor)));
        Assert.Contains("abstract", e.Message);
    }

    [Fact]
    public void With_methods_return_new_props_and_keep_the_other_settings()
    {
        var strategy = TestActors.Always(Directive.Resume);
        var original = Props.Create<Echo>();
        var bounded = original.WithSupervisorStrategy(strategy).WithBoundedMailbox(5, MailboxOverflowStrategy.DropOldest);

        Assert.Null(original.Mailbox);
        Assert.Null(original.SupervisorStrategy);
        Assert.Same(strategy, bounded.SupervisorStrategy);
        Assert.Equal(new MailboxSettings(5, MailboxOverflowStrategy.DropOldest), bounded.Mailbox);
        Assert.Equal(typeof(Echo), bounded.Type);
        Assert.Equal("Props(Echo)", bounded.ToString());
    }
}
