using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class BecomeSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    /// <summary>Answers "how" with its mood; "happy"/"angry" switch with Become, "stack-happy"/"stack-angry" push, "unstack" pops.</summary>
    private sealed class Mood : ReceiveActor
    {
        public Mood() => Behave("neutral");

        private void Behave(string mood)
        {
            Receive<string>(_ => Sender.Tell(mood, Self), s => s == "how");
            Receive<string>(_ => Become(() => Behave("happy")), s => s == "happy");
            Receive<string>(_ => Become(() => Behave("angry")), s => s == "angry");
            Receive<string>(_ => BecomeStacked(() => Behave("happy")), s => s == "stack-happy");
            Receive<string>(_ => BecomeStacked(() => Behave("angry")), s => s == "stack-angry");
            Receive<string>(_ => UnbecomeStacked(), s => s == "unstack");
            Receive<Fail>(f => Recorder.Throw(f.Reason));
            if (mood == "neutral") Receive<int>(n => Sender.Tell(n, Self));
        }
    }

    /// <summary>A plain ActorBase that switches with Context.Become(Receive).</summary>
    private sealed class Toggle : ActorBase
    {
        protected override bool Receive(object message) => Off(message);

        private bool Off(object message)
        {
            if (message is not "flip") return Answer(message, "off");
            Context.Become(On);
            return true;
        }

        private bool On(object message)
        {
            if (message is not "flip") return Answer(message, "on");
            Context.Become(Off);
            return true;
        }

        private bool Answer(object message, string state)
        {
            if (message is not "state") return false;
            Sender.Tell(state, Self);
            return true;
        }
    }

    private IActorRef NewMood() => Sys.ActorOf(Props.Create<Mood>(), "mood");

    private void ExpectMood(IActorRef actor, string mood)
    {
        actor.Tell("how", TestActor);
        ExpectMsg(mood);
    }

    [Fact]
    public void Become_replaces_the_behaviour_for_the_following_messages()
    {
        var mood = NewMood();
        ExpectMood(mood, "neutral");
        mood.Tell("happy", TestActor);
        ExpectMood(mood, "happy");
        mood.Tell("angry", TestActor);
        ExpectMood(mood, "angry");
    }

    [Fact]
    public void UnbecomeStacked_returns_to_the_behaviour_below()
    {
        var mood = NewMood();
        mood.Tell("stack-happy", TestActor);
        mood.Tell("stack-angry", TestActor);
        ExpectMood(mood, "angry");
        mood.Tell("unstack", TestActor);
        ExpectMood(mood, "happy");
        mood.Tell("unstack", TestActor);
        ExpectMood(mood, "neutral");
    }

    [Fact]
    public void UnbecomeStacked_with_nothing_stacked_keeps_the_initial_behaviour()
    {
        var mood = NewMood();
        mood.Tell("unstack", TestActor);
        mood.Tell("unstack", TestActor);
        ExpectMood(mood, "neutral");
    }

    [Fact]
    public void Become_after_BecomeStacked_replaces_the_top_so_unstacking_reveals_the_one_below()
    {
        var mood = NewMood();
        mood.Tell("stack-angry", TestActor);
        mood.Tell("happy", TestActor);
        ExpectMood(mood, "happy");
        mood.Tell("unstack", TestActor);
        ExpectMood(mood, "neutral");
    }

    [Fact]
    public void A_message_the_new_behaviour_does_not_handle_is_unhandled_even_if_the_initial_one_would()
    {
        var mood = NewMood();
        mood.Tell(5, TestActor);
        ExpectMsg(5);
        mood.Tell("happy", TestActor);
        mood.Tell(6, TestActor);
        ExpectMood(mood, "happy");
        AwaitCondition(() => UnhandledMessages.Any(u => Equals(u.Message, 6) && u.Recipient.Equals(mood)));
    }

    [Fact]
    public void A_restart_goes_back_to_the_initial_behaviour_and_forgets_the_stack()
    {
        var mood = NewMood();
        mood.Tell("stack-happy", TestActor);
        mood.Tell("stack-angry", TestActor);
        mood.Tell(new Fail("boom"), TestActor);
        ExpectMood(mood, "neutral");
        mood.Tell("unstack", TestActor);
        ExpectMood(mood, "neutral");
    }

    [Fact]
    public void Context_Become_switches_a_plain_actor_between_receive_functions()
    {
        var toggle = Sys.ActorOf(Props.Create<Toggle>(), "toggle");
        toggle.Tell("state", TestActor);
        ExpectMsg("off");
        toggle.Tell("flip", TestActor);
        toggle.Tell("state", TestActor);
        ExpectMsg("on");
        toggle.Tell("flip", TestActor);
        toggle.Tell("state", TestActor);
        ExpectMsg("off");
    }
}
