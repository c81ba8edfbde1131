using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ChildrenSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private sealed record TryCreate(string? Name);

    private sealed record ChildNamed(string Name);

    /// <summary>Creates children on request, reporting the ref or the exception, and answers name look-ups.</summary>
    private sealed class Creator : ReceiveActor
    {
        public Creator()
        {
            Receive<TryCreate>(c =>
            {
                try
                {
                    Sender.Tell(Context.ActorOf(Props.Create<Silent>(), c.Name), Self);
                }
                catch (Exception e)
                {
                    Sender.Tell(e, Self);
                }
            });
            Receive<ChildNamed>(c => Sender.Tell(Context.Child(c.Name), Self));
            Receive<string>(_ => Sender.Tell(Context.Children.Select(c => c.Path.Name).Order().ToArray(), Self), s => s == "children");
        }
    }

    /// <summary>Creates "kid" and watches it; when "kid" stops, creates a new "kid" under the same name at once.</summary>
    private sealed class Reuser : ReceiveActor
    {
        private IActorRef _kid = ActorRefs.Nobody;

        public Reuser(IActorRef reportTo)
        {
            Receive<string>(_ => Context.Stop(_kid), s => s == "stop-kid");
            Receive<Terminated>(_ =>
            {
                try
                {
                    NewKid();
                    reportTo.Tell(_kid, Self);
                }
                catch (Exception e)
                {
                    reportTo.Tell(e, Self);
                }
            });
        }

        protected override void PreStart() => NewKid();

        private void NewKid() => _kid = Context.Watch(Context.ActorOf(Props.Create<Silent>(), "kid"));
    }

    /// <summary>Creates two children in PreStart.</summary>
    private sealed class EagerParent(IActorRef reportTo) : ActorBase
    {
        protected override void PreStart()
        {
            Context.ActorOf(Recorder.Props(reportTo), "first");
            Context.ActorOf(Recorder.Props(reportTo), "second");
        }

        protected override bool Receive(object message)
        {
            Sender.Tell(Context.Children.Count, Self);
            return true;
        }
    }

    [Fact]
    public void A_duplicate_top_level_name_is_rejected_with_InvalidActorNameException_naming_it()
    {
        Sys.ActorOf(Props.Create<Silent>(), "taken");
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Silent>(), "taken"));
        Assert.Contains("[taken]", e.Message);
        Assert.Contains("not unique", e.Message);
    }

    [Fact]
    public void A_duplicate_child_name_is_rejected_with_InvalidActorNameException_naming_it()
    {
        var creator = Sys.ActorOf(Props.Create<Creator>(), "creator");
        creator.Tell(new TryCreate("kid"), TestActor);
        ExpectMsg<IActorRef>();
        creator.Tell(new TryCreate("kid"), TestActor);
        var e = ExpectMsg<InvalidActorNameException>();
        Assert.Contains("[kid]", e.Message);
        Assert.Contains("/user/creator", e.Message);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("$reserved", "must not start with '$'")]
    [InlineData("a/b", "invalid character '/'")]
    [InlineData("a b", "invalid character ' '")]
    [InlineData("tab\t", "invalid character '\t'")]
    public void An_invalid_name_is_rejected_with_a_message_that_says_why(string name, string why)
    {
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Silent>(), name));
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void Runtime_actors_may_use_names_starting_with_a_dollar()
    {
        var actor = Sys.SystemActorOf(Props.Create<Echo>(), "$runtime");
        Assert.Equal("/system/$runtime", actor.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void Generated_names_are_unique_and_start_with_a_dollar()
    {
        var names = Enumerable.Range(0, 500).Select(_ => Sys.ActorOf(Props.Create<Silent>()).Path.Name).ToList();
        Assert.Equal(500, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("$", n));
    }

    [Fact]
    public void A_child_path_is_the_parent_path_plus_the_name()
    {
        var creator = Sys.ActorOf(Props.Create<Creator>(), "creator");
        creator.Tell(new TryCreate("kid"), TestActor);
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal("/user/creator/kid", kid.Path.ToStringWithoutAddress());
        Assert.Equal(creator.Path, kid.Path.Parent);
    }

    [Fact]
    public void A_parent_can_reuse_the_name_of_a_stopped_child_once_it_got_the_childs_Terminated()
    {
        var reuser = Sys.ActorOf(Props.Create(() => new Reuser(TestActor)), "reuser");
        for (var i = 0; i < 20; i++)
        {
            reuser.Tell("stop-kid", TestActor);
            var kid = ExpectMsg<IActorRef>();
            Assert.Equal("kid", kid.Path.Name);
        }
    }

    [Fact]
    public void A_top_level_name_can_be_reused_as_soon_as_a_watcher_got_the_Terminated()
    {
        for (var i = 0; i < 200; i++)
        {
            var actor = Sys.ActorOf(Props.Create<Silent>(), "again");
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }
    }

    [Fact]
    public void Context_Child_finds_a_live_child_by_name_and_gives_Nobody_otherwise()
    {
        var creator = Sys.ActorOf(Props.Create<Creator>(), "creator");
        creator.Tell(new TryCreate("kid"), TestActor);
        var kid = ExpectMsg<IActorRef>();

        creator.Tell(new ChildNamed("kid"), TestActor);
        Assert.Equal(kid, ExpectMsg<IActorRef>());
        creator.Tell(new ChildNamed("nobody-here"), TestActor);
        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Context_Children_lists_the_live_children()
    {
        var creator = Sys.ActorOf(Props.Create<Creator>(), "creator");
        foreach (var name in new[] { "b", "a", "c" })
        {
            creator.Tell(new TryCreate(name), TestActor);
            ExpectMsg<IActorRef>();
        }
        creator.Tell("children", TestActor);
        Assert.Equal(["a", "b", "c"], ExpectMsg<string[]>());
    }

    [Fact]
    public void An_actor_can_create_children_in_PreStart()
    {
        var parent = Sys.ActorOf(Props.Create(() => new EagerParent(TestActor)), "parent");
        var started = ReceiveN(2).As<Hook>();
        Assert.Equal(["first", "second"], started.Select(h => h.Actor).Order());
        parent.Tell("how many?", TestActor);
        ExpectMsg(2);
    }
}
