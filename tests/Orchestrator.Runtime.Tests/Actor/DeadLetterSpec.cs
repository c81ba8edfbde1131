using Orchestrator.Runtime.Dispatch;
using Orchestrator.Runtime.Event;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class DeadLetterSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private IActorRef StoppedActor()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "gone");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        return actor;
    }

    private List<object> DeadLettersTo(IActorRef recipient) => DeadLetters.Where(d => d.Recipient.Equals(recipient)).Select(d => d.Message).ToList();

    [Fact]
    public void Telling_a_stopped_actor_does_not_throw_and_publishes_a_DeadLetter()
    {
        var actor = StoppedActor();
        actor.Tell("hello?", TestActor);
        var dead = ExpectDeadLetter(d => Equals(d.Message, "hello?"));
        Assert.Equal(actor, dead.Recipient);
        Assert.Equal(TestActor, dead.Sender);
        Assert.Null(dead.Reason);
    }

    [Fact]
    public void Messages_still_in_the_mailbox_of_a_stopped_actor_become_dead_letters_in_order()
    {
        var holder = Sys.ActorOf(Holder.Props(TestActor), "holder");
        this.HoldActor(holder);
        foreach (var m in new[] { "1", "2", "3" }) holder.Tell(m, TestActor);
        Watch(holder);

        Sys.Stop(holder);
        ExpectTerminated(holder);
        AwaitCondition(() => DeadLettersTo(holder).Count == 3);
        Assert.Equal(["1", "2", "3"], DeadLettersTo(holder));
        ExpectNoMsg();
    }

    [Theory]
    [InlineData(MailboxOverflowStrategy.DropNewest, new[] { "4", "5" }, new[] { "1", "2", "3" })]
    [InlineData(MailboxOverflowStrategy.DropOldest, new[] { "1", "2" }, new[] { "3", "4", "5" })]
    public void A_full_bounded_mailbox_drops_a_message_as_a_dead_letter_saying_mailbox_full(
        MailboxOverflowStrategy overflow, string[] dropped, string[] delivered)
    {
        var holder = Sys.ActorOf(Holder.Props(TestActor).WithBoundedMailbox(3, overflow), "bounded");
        var gate = this.HoldActor(holder);
        foreach (var m in new[] { "1", "2", "3", "4", "5" }) holder.Tell(m, TestActor);

        AwaitCondition(() => DeadLettersTo(holder).Count == 2);
        Assert.Equal(dropped, DeadLettersTo(holder));
        Assert.All(DeadLetters.Where(d => d.Recipient.Equals(holder)), d =>
        {
            Assert.Equal("mailbox full", d.Reason);
            Assert.Equal(TestActor, d.Sender);
        });

        gate.Open();
        foreach (var m in delivered) ExpectMsg(m);
        ExpectNoMsg();
    }

    [Fact]
    public void A_dead_letter_subscriber_whose_bounded_mailbox_is_full_does_not_make_dead_letters_loop()
    {
        var listener = Sys.ActorOf(Holder.Props(TestActor).WithBoundedMailbox(1), "listener");
        var gate = this.HoldActor(listener);
        Sys.EventStream.Subscribe<DeadLetter>(listener);

        Sys.DeadLetters.Tell("first", TestActor);
        Sys.DeadLetters.Tell("second", TestActor);

        // "first" fills the listener's mailbox; the dead letter of "second" does not fit and is dropped.
        ExpectDeadLetter(d => Equals(d.Message, "second"));
        gate.Open();
        Assert.Equal("first", ExpectMsg<DeadLetter>().Message);
        ExpectNoMsg();
    }

    [Fact]
    public void A_bounded_mailbox_needs_a_positive_capacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Props.Create<Echo>().WithBoundedMailbox(0));
    }

    [Fact]
    public void Telling_dead_letters_directly_publishes_a_DeadLetter()
    {
        Sys.DeadLetters.Tell("straight to the bin", TestActor);
        var dead = ExpectDeadLetter(d => Equals(d.Message, "straight to the bin"));
        Assert.Equal(Sys.DeadLetters, dead.Recipient);
    }

    [Fact]
    public void Only_the_first_dead_letters_up_to_the_limit_are_logged_but_all_are_published()
    {
        var actor = StoppedActor();
        for (var i = 0; i < 15; i++) actor.Tell(i, TestActor);

        AwaitCondition(() => DeadLettersTo(actor).Count == 15);
        // Each dead letter is logged (if at all) before the next is published, so the logs are complete now.
        AwaitCondition(() => LogEvents.Count(l => l.Message.StartsWith("Dead letter", StringComparison.Ordinal)) >= 10);
        var logged = LogEvents.Where(l => l.Message.StartsWith("Dead letter", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, logged.Count);
        Assert.Contains("10 of 10 logged", logged[^1].Message);
    }
}
