using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Hocon;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Store.Durable;

/// <summary>The essential store behaviour on a durable backend (the classes at the end), including a restart of the whole system.</summary>
public abstract class DurableStoreContract : StoreSpec
{
    private readonly string _backend;

    protected DurableStoreContract(string backend) : base(backend, "orchestrator.store.bookmark-interval = 200ms") => _backend = backend;

    [Fact]
    public async Task Objects_lists_and_watches_survive_a_restart_of_the_whole_system()
    {
        var pod = await Created(TestPods.Running("a", labels: TestPods.Labels("app=web")));
        var config = await Created(TestMisc.ConfigMap());
        var updated = await Patch(KeyOf(pod), PatchType.Merge, """{"metadata":{"labels":{"v":"2"}}}""");
        var before = await ListPods();
        await Sys.Terminate();

        var restarted = ActorSystem.Create("restarted", Config.Parse(_backend + "\norchestrator.loglevel = Warning", "restart"));
        try
        {
            var store = restarted.ActorOf(ObjectStore.Props(StoreSettings.From(restarted.Config)), "store");
            var got = await store.Ask<ObjectReply>(new GetObject(KeyOf(pod)), RequestTimeout);
            Assert.Equal(updated.Object!.Metadata.ResourceVersion, got.Object!.Metadata.ResourceVersion);
            Assert.Equal(pod.Metadata.Uid, got.Object.Metadata.Uid);
            Assert.Equal("2", got.Object.Metadata.Labels!["v"]);

            var list = await store.Ask<ObjectList>(new ListObjects("", "Pod"), RequestTimeout);
            Assert.Equal(before.ResourceVersion, list.ResourceVersion);
            Assert.Equal(["a"], list.Items.Select(p => p.Metadata.Name));

            var stale = (Pod)ObjectCodec(pod);
            stale.Metadata.Labels!["v"] = "3";
            Assert.Equal("Conflict", (await store.Ask<ObjectReply>(new UpdateObject(stale), RequestTimeout)).Error!.Reason);
            Assert.True((await store.Ask<ObjectReply>(new GetObject(KeyOf(config)), RequestTimeout)).IsSuccess);
            var ns = await store.Ask<ObjectReply>(new GetObject(new("", "Namespace", null, "default")), RequestTimeout);
            Assert.True(ns.IsSuccess);
        }
        finally
        {
            await restarted.Terminate();
        }
    }

    [Fact]
    public async Task A_watch_from_a_lists_resource_version_sees_every_later_change_once()
    {
        for (var i = 0; i < 5; i++) await Created(TestPods.Pending($"p{i}"));
        var list = await ListPods();
        var (probe, _) = OpenWatch(new WatchObjects("", "Pod", ResourceVersion: list.ResourceVersion, AllowBookmarks: false));
        var writes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Created(TestPods.Pending($"q{i}")))));
        var seen = Enumerable.Range(0, 20).Select(_ => NextChange(probe, RequestTimeout)).ToList();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(writes.Select(w => long.Parse(w.Metadata.ResourceVersion!)).Order(), seen.Select(e => long.Parse(e.ResourceVersion)));
        Assert.All(seen, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task Foreground_cascading_deletion_completes()
    {
        var owner = await Created(TestReplicaSets.WithReplicas(1));
        var pod = await Created(TestPods.Pending("web-0").OwnedBy(owner));
        await Delete(KeyOf(owner), new DeleteOptions(PropagationPolicy: PropagationPolicy.Foreground));
        await AwaitGone(KeyOf(pod));
        await AwaitGone(KeyOf(owner));
    }

    [Fact]
    public async Task After_a_restart_a_create_of_an_existing_name_is_refused_and_a_deleted_name_is_created_anew()
    {
        // A new entity handles a create without recovering first; these are the cases where that guess is wrong.
        var pod = await Created(TestPods.Pending("kept"));
        var gone = await Created(TestMisc.ConfigMap());
        Assert.True((await Delete(KeyOf(gone))).IsSuccess);
        await AwaitGone(KeyOf(gone));
        await Sys.Terminate();

        var restarted = ActorSystem.Create("restarted", Config.Parse(_backend + "\norchestrator.loglevel = Warning", "restart"));
        try
        {
            var store = restarted.ActorOf(ObjectStore.Props(StoreSettings.From(restarted.Config)), "store");
            var again = await store.Ask<ObjectReply>(new CreateObject(TestPods.Pending("kept")), RequestTimeout);
            Assert.Equal("AlreadyExists", again.Error?.Reason);
            var kept = await store.Ask<ObjectReply>(new GetObject(KeyOf(pod)), RequestTimeout);
            Assert.Equal(pod.Metadata.Uid, kept.Object!.Metadata.Uid);
            Assert.Equal(pod.Metadata.ResourceVersion, kept.Object.Metadata.ResourceVersion);

            var recreated = await store.Ask<ObjectReply>(new CreateObject(TestMisc.ConfigMap()), RequestTimeout);
            Assert.True(recreated.IsSuccess, recreated.Error?.Message);
            Assert.NotEqual(gone.Metadata.Uid, recreated.Object!.Metadata.Uid);
            Assert.True(long.Parse(recreated.Object.Metadata.ResourceVersion!) > long.Parse(pod.Metadata.ResourceVersion!));
            var got = await store.Ask<ObjectReply>(new GetObject(KeyOf(recreated.Object)), RequestTimeout);
            Assert.Equal(recreated.Object.Metadata.Uid, got.Object!.Metadata.Uid);
        }
        finally
        {
            await restarted.Terminate();
        }
    }

    private static Model.IKubernetesObject ObjectCodec(Model.IKubernetesObject obj) => Actors.Store.Objects.ObjectCodec.Copy(obj);
}

/// <summary>The contract on SQLite, the embedded default.</summary>
public sealed class SqliteStoreSpec() : DurableStoreContract(StoreBackends.Sqlite());

/// <summary>The contract on PostgreSQL, the shared journal of a multi-host control plane.</summary>
public sealed class PostgresStoreSpec(PostgresTables tables) : DurableStoreContract(StoreBackends.Postgres(tables)), IClassFixture<PostgresTables>;
