using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Tests.Informers;

public sealed class InformerActorSpec : ScenarioSpec
{
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    /// <summary>Informer options without the periodic resync, so only the changes under test arrive.</summary>
    private InformerOptions NoResync => ControllerSettings.Informer with { ResyncInterval = null };

    [Fact]
    public async Task Subscribers_get_the_listed_cache_then_every_change_with_the_cache_after_it()
    {
        await Created(TestPods.Pending("a"));
        await Created(TestPods.Pending("b"));
        var informer = Sys.ActorOf(Informer.Props(Store, Pods, NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);

        var synced = ExpectMsg<InformerSynced>(RequestTimeout);
        Assert.Equal(["default/a", "default/b"], synced.Cache.Keys.Order());

        await Created(TestPods.Pending("c"));
        var added = ExpectMsg<ObjectAdded>(RequestTimeout);
        Assert.Equal("c", added.Object.Metadata.Name);
        Assert.Equal(3, added.Cache.Count);
        Assert.Equal(2, synced.Cache.Count); // the earlier snapshot is unchanged

        var changed = ObjectCodec.Copy((Pod)added.Object);
        changed.Metadata.Labels = new() { ["tier"] = "web" };
        Assert.True((await Update(changed)).IsSuccess);
        var updated = ExpectMsg<ObjectUpdated>(RequestTimeout);
        Assert.Null(updated.Old.Metadata.Labels);
        Assert.Equal("web", updated.New.Metadata.Label("tier"));

        Assert.True((await Delete(PodKey("a"))).IsSuccess);
        var deleted = ExpectMsg<ObjectDeleted>(RequestTimeout);
        Assert.Equal("a", deleted.LastState.Metadata.Name);
        Assert.Equal(["default/b", "default/c"], deleted.Cache.Keys.Order());
    }

    [Fact]
    public async Task A_late_subscriber_gets_the_synced_cache_at_once()
    {
        await Created(TestPods.Pending("a"));
        var informer = Sys.ActorOf(Informer.Props(Store, Pods, NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);
        ExpectMsg<InformerSynced>(RequestTimeout);

        var late = CreateTestProbe();
        informer.Tell(new SubscribeInformer(), late.Ref);

        Assert.Single(late.ExpectMsg<InformerSynced>(RequestTimeout).Cache);
    }

    [Fact]
    public async Task A_label_selector_limits_the_cache()
    {
        await Created(TestPods.Pending("a", labels: new() { ["app"] = "web" }));
        await Created(TestPods.Pending("b", labels: new() { ["app"] = "db" }));
        var informer = Sys.ActorOf(Informer.Props(Store, new InformerSpec("", "Pod", LabelSelector: "app=web"), NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);

        Assert.Equal(["default/a"], ExpectMsg<InformerSynced>(RequestTimeout).Cache.Keys);
    }

    [Fact]
    public void After_410_Expired_it_lists_again_and_tells_the_differences()
    {
        var store = CreateTestProbe();
        var informer = Sys.ActorOf(Informer.Props(store.Ref, Pods, NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);

        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([Pod("a", "1"), Pod("b", "2")], "2"));
        ExpectMsg<InformerSynced>(RequestTimeout);
        Assert.Equal("2", store.ExpectMsg<WatchObjects>(RequestTimeout).ResourceVersion);
        store.Reply(new WatchStarted("w1", "2"));
        store.Reply(new WatchEvent("w1", WatchEventType.Error, null, "9", StatusError.Gone("too old resource version: 2 (5)")));

        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([Pod("b", "6"), Pod("c", "7")], "9"));

        var changes = ReceiveN(3, RequestTimeout);
        Assert.Contains(changes, m => m is ObjectDeleted d && d.LastState.Metadata.Name == "a");
        Assert.Contains(changes, m => m is ObjectUpdated u && u.New.Metadata.ResourceVersion == "6" && u.Old.Metadata.ResourceVersion == "2");
        Assert.Contains(changes, m => m is ObjectAdded a && a.Object.Metadata.Name == "c");
        Assert.Equal("9", store.FishForMessage<WatchObjects>(_ => true, RequestTimeout).ResourceVersion);
    }

    [Fact]
    public void A_failed_list_is_retried()
    {
        var store = CreateTestProbe();
        var informer = Sys.ActorOf(Informer.Props(store.Ref, Pods, NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);

        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([], "0", Error: StatusError.BadRequest("boom")));
        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([Pod("a", "1")], "1"));

        Assert.Single(ExpectMsg<InformerSynced>(RequestTimeout).Cache);
    }

    [Fact]
    public void When_the_watch_source_stops_it_lists_again()
    {
        var store = CreateTestProbe();
        var informer = Sys.ActorOf(Informer.Props(store.Ref, Pods, NoResync));
        informer.Tell(new SubscribeInformer(), TestActor);
        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([Pod("a", "1")], "1"));
        ExpectMsg<InformerSynced>(RequestTimeout);
        store.ExpectMsg<WatchObjects>(RequestTimeout);
        var readModel = Sys.ActorOf(Runtime.Props.Create(() => new Relay()));
        readModel.Tell((informer, (object)new WatchStarted("w1", "1")), TestActor);
        readModel.Tell((informer, (object)new WatchEvent("w1", WatchEventType.Added, Pod("b", "2"), "2")), TestActor);
        Assert.Equal("b", ExpectMsg<ObjectAdded>(RequestTimeout).Object.Metadata.Name);

        Sys.Stop(readModel);

        store.ExpectMsg<ListObjects>(RequestTimeout);
        store.Reply(new ObjectList([Pod("a", "1")], "3"));
        Assert.Equal("b", ExpectMsg<ObjectDeleted>(RequestTimeout).LastState.Metadata.Name);
    }

    /// <summary>Stands in for a read model: sends what it is told to, as itself.</summary>
    private sealed class Relay : Runtime.ReceiveActor
    {
        public Relay() => Receive<(Runtime.IActorRef To, object Message)>(m => m.To.Tell(m.Message, Self));
    }

    private static IKubernetesObject Pod(string name, string resourceVersion)
    {
        var pod = TestPods.Pending(name);
        pod.Metadata.ResourceVersion = resourceVersion;
        pod.Metadata.Uid = "uid-" + name;
        return pod;
    }
}
