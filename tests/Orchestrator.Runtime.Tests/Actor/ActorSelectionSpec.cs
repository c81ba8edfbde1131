using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ActorSelectionSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record SelectAndTell(string Path, object Message);

    /// <summary>Tells a message to a selection made relative to itself; replies to anything else with its name.</summary>
    private sealed class Selector : ReceiveActor
    {
        public Selector()
        {
            Receive<SelectAndTell>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
            Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
            ReceiveAny(m => Sender.Tell($"{Self.Path.Name} got {m}", Self));
        }
    }

    private static Props SelectorProps => Props.Create<Selector>();

    private async Task<IActorRef> ChildOf(IActorRef parent, string name) => await parent.Ask<IActorRef>(new CreateChild(SelectorProps, name));

    [Fact]
    public async Task An_absolute_path_selects_the_actor()
    {
        var parent = Sys.ActorOf(SelectorProps, "parent");
        var child = await ChildOf(parent, "child");

        Sys.ActorSelection("/user/parent/child").Tell("hi", TestActor);
        ExpectMsg("child got hi");
        Assert.Equal(child, LastSender);
        Assert.Equal(child, await Sys.ActorSelection("/user/parent/child").ResolveOne());
    }

    [Fact]
    public void A_full_address_path_selects_the_actor()
    {
        var actor = Sys.ActorOf(SelectorProps, "a");
        Sys.ActorSelection(actor.Path.ToString()).Tell("hi", TestActor);
        ExpectMsg("a got hi");
    }

    [Fact]
    public void A_path_naming_another_system_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Sys.ActorSelection("orch://elsewhere/user/a"));
        Assert.Contains("another system", e.Message);
    }

    [Fact]
    public async Task A_relative_path_with_dot_dot_selects_a_sibling()
    {
        var parent = Sys.ActorOf(SelectorProps, "parent");
        var a = await ChildOf(parent, "a");
        await ChildOf(parent, "b");

        a.Tell(new SelectAndTell("../b", "hello sibling"), TestActor);
        ExpectMsg("b got hello sibling");
    }

    [Fact]
    public async Task A_relative_path_selects_a_child()
    {
        var parent = Sys.ActorOf(SelectorProps, "parent");
        await ChildOf(parent, "kid");
        parent.Tell(new SelectAndTell("kid", "hello kid"), TestActor);
        ExpectMsg("kid got hello kid");
    }

    [Fact]
    public async Task A_wildcard_selects_every_matching_child()
    {
        var parent = Sys.ActorOf(SelectorProps, "parent");
        foreach (var name in new[] { "c1", "c2", "c3" }) await ChildOf(parent, name);

        Sys.ActorSelection("/user/parent/*").Tell("all", TestActor);
        Assert.Equal(["c1 got all", "c2 got all", "c3 got all"], ReceiveN(3).As<string>().Order());

        Sys.ActorSelection("/user/parent/c?").Tell("some", TestActor);
        Assert.Equal(3, ReceiveN(3).Count);
        Assert.Equal(3, Sys.ActorSelection("/user/parent/*").Resolve().Count);
        Assert.Single(Sys.ActorSelection("/user/parent/*2").Resolve());
    }

    [Fact]
    public async Task ResolveOne_of_a_missing_path_fails_with_ActorNotFoundException()
    {
        var e = await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nobody/here").ResolveOne());
        Assert.Contains("/user/nobody/here", e.Message);
    }

    [Fact]
    public void Telling_a_selection_that_matches_nothing_publishes_a_dead_letter()
    {
        Sys.ActorSelection("/user/missing").Tell("lost", TestActor);
        var dead = ExpectDeadLetter(d => Equals(d.Message, "lost"));
        Assert.Equal(TestActor, dead.Sender);
        Assert.Contains("/user/missing", dead.Reason);
    }

    [Fact]
    public void Identify_through_a_selection_that_matches_nothing_is_answered_with_no_subject()
    {
        Sys.ActorSelection("/user/missing").Tell(new Identify("who"), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("who", identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public void Identify_through_a_selection_is_answered_by_each_matching_actor()
    {
        var actor = Sys.ActorOf(SelectorProps, "present");
        Sys.ActorSelection("/user/pres*").Tell(new Identify(1), TestActor);
        Assert.Equal(actor, ExpectMsg<ActorIdentity>().Subject);
    }

    [Fact]
    public void Identify_sent_to_a_stopped_actor_is_answered_with_no_subject()
    {
        var actor = Sys.ActorOf(SelectorProps, "stopped");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        actor.Tell(new Identify(2), TestActor);
        Assert.Null(ExpectMsg<ActorIdentity>(i => Equals(i.MessageId, 2)).Subject);
    }

    [Fact]
    public async Task A_stopped_actor_is_no_longer_selected()
    {
        var actor = Sys.ActorOf(SelectorProps, "short-lived");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/short-lived").ResolveOne());
    }
}
