using Orchestrator.Runtime.Remoting;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// Death watch across systems: one Terminated per watch, whether the remote actor stops, never existed,
/// or its whole system goes away; none after Unwatch.
/// </summary>
public sealed class RemoteDeathWatchSpec : RemotingSpecBase
{
    private readonly ActorSystem _other;

    public RemoteDeathWatchSpec() => _other = CreateSystem();

    [Fact]
    public void Watching_a_remote_actor_and_stopping_it_gives_exactly_one_Terminated()
    {
        var target = _other.ActorOf(Props.Create<EchoActor>(), "target");
        var remote = Remote(Sys, target);

        Watch(remote);
        // A round trip behind the Watch (same connection, same order) proves it reached the actor alive.
        remote.Tell(new Ping("sync"), TestActor);
        ExpectMsg<Pong>(TimeSpan.FromSeconds(10));
        _other.Stop(target);

        var terminated = ExpectTerminated(remote, TimeSpan.FromSeconds(10));
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        AwaitCondition(() => Sys.Remote!.Watcher.OutboundCount == 0, TimeSpan.FromSeconds(5), "the watch is forgotten");
    }

    [Fact]
    public void A_watch_through_a_path_without_uid_gets_its_Terminated()
    {
        _other.ActorOf(Props.Create<EchoActor>(), "by-name");
        var byName = Sys.ResolveActorRef($"{_other.Address}/user/by-name");
        Assert.Equal(0, byName.Path.Uid);

        Watch(byName);
        byName.Tell(PoisonPill.Instance, null);

        var terminated = ExpectTerminated(byName, TimeSpan.FromSeconds(10));
        Assert.Same(byName, terminated.ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Watching_a_remote_path_that_names_no_actor_gives_Terminated_without_existence()
    {
        var missing = Sys.ResolveActorRef($"{_other.Address}/user/never-was");

        Watch(missing);

        var terminated = ExpectTerminated(missing, TimeSpan.FromSeconds(10));
        Assert.False(terminated.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void After_Unwatch_stopping_the_remote_actor_gives_no_Terminated()
    {
        var target = _other.ActorOf(Props.Create<EchoActor>(), "unwatched");
        var remote = Remote(Sys, target);

        Watch(remote);
        Unwatch(remote);
        // A round trip after the Unwatch: system messages and user messages share the connection's order.
        remote.Tell(new Ping("sync"), TestActor);
        ExpectMsg<Pong>(TimeSpan.FromSeconds(10));
        _other.Stop(target);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Terminating_the_other_system_terminates_each_watch_once()
    {
        var first = Remote(Sys, _other.ActorOf(Props.Create<EchoActor>(), "first"));
        var second = Remote(Sys, _other.ActorOf(Props.Create<EchoActor>(), "second"));
        Watch(first);
        Watch(second);

        await _other.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(15)));

        var got = new[] { ExpectMsg<Terminated>(TimeSpan.FromSeconds(10)), ExpectMsg<Terminated>(TimeSpan.FromSeconds(10)) };
        Assert.Equal(new[] { first, second }.OrderBy(r => r.Path.Name), got.Select(t => t.ActorRef).OrderBy(r => r.Path.Name));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_remote_watcher_of_a_local_actor_gets_its_Terminated()
    {
        var local = Sys.ActorOf(Props.Create<EchoActor>(), "watched-here");
        var inbox = new Inbox(_other, TestKitSettings);
        var watcherThere = _other.ActorOf(Props.Create(() => new WatchingActor(Remote(_other, local), inbox.Ref)), "watcher");
        Assert.IsType<WatchReady>(inbox.ReceiveN(1, TimeSpan.FromSeconds(10), "WatchReady")[0]);
        // The watch is registered here once a round trip behind it has completed.
        Remote(_other, local).Tell(new Ping("sync"), inbox.Ref);
        Assert.IsType<Pong>(inbox.ReceiveN(1, TimeSpan.FromSeconds(10), "Pong")[0]);

        Sys.Stop(local);

        var terminated = Assert.IsType<Saw>(inbox.ReceiveN(1, TimeSpan.FromSeconds(10), "Terminated")[0]).Terminated;
        Assert.IsType<RemoteActorRef>(terminated.ActorRef);
        Assert.Equal(local.Path.ToSerializationFormat(), terminated.ActorRef.Path.ToSerializationFormat());
        inbox.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.NotNull(watcherThere);
    }

    public sealed record WatchReady;

    /// <summary>A Terminated reported onwards (a bare Terminated told to an actor that does not watch is dropped).</summary>
    public sealed record Saw(Terminated Terminated);

    private sealed class WatchingActor(IActorRef target, IActorRef report) : ActorBase
    {
        protected override void PreStart()
        {
            Context.Watch(target);
            report.Tell(new WatchReady(), Self);
        }

        protected override bool Receive(object message)
        {
            report.Tell(message is Terminated t ? new Saw(t) : message, Self);
            return true;
        }
    }
}
