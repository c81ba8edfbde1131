using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model;
using Orchestrator.Model.Registry;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Store.Support;

/// <summary>
/// Base of the store specs: a system on one backend with an <see cref="ObjectStore"/> at
/// <c>/user/store</c>, and one-line helpers for every request.
/// </summary>
public abstract class StoreSpec : TestKit.TestKit
{
    /// <summary>Starts a store on <paramref name="backend"/> with <paramref name="extraConfig"/> over the defaults.</summary>
    protected StoreSpec(string backend, string extraConfig = "")
        : base(extraConfig + "\n" + backend + "\norchestrator.loglevel = Warning")
    {
        Settings = StoreSettings.From(Sys.Config);
        Store = Sys.ActorOf(ObjectStore.Props(Settings), "store");
    }

    /// <summary>The store.</summary>
    protected IActorRef Store { get; }

    /// <summary>The store's settings.</summary>
    protected StoreSettings Settings { get; }

    /// <summary>Time allowed for one request.</summary>
    protected TimeSpan RequestTimeout => Dilated(TimeSpan.FromSeconds(10));

    /// <summary>The key of an object.</summary>
    protected static ObjectKey KeyOf(IKubernetesObject obj)
    {
        ResourceRegistry.Default.TryGetByKind(obj.ApiVersion, obj.Kind, out var type);
        return ObjectKey.For(type!, obj.Metadata.Namespace ?? "default", obj.Metadata.Name!);
    }

    /// <summary>The key of a pod.</summary>
    protected static ObjectKey PodKey(string name, string ns = "default") => new("", "Pod", ns, name);

    protected Task<ObjectReply> Create(IKubernetesObject obj) => Store.Ask<ObjectReply>(new CreateObject(obj), RequestTimeout);

    protected Task<ObjectReply> Get(ObjectKey key) => Store.Ask<ObjectReply>(new GetObject(key), RequestTimeout);

    protected Task<ObjectReply> Update(IKubernetesObject obj) => Store.Ask<ObjectReply>(new UpdateObject(obj), RequestTimeout);

    protected Task<ObjectReply> UpdateStatus(IKubernetesObject obj) => Store.Ask<ObjectReply>(new UpdateObjectStatus(obj), RequestTimeout);

    protected Task<ObjectReply> Patch(ObjectKey key, PatchType type, string json, bool status = false) =>
        Store.Ask<ObjectReply>(new PatchObject(key, type, JsonNode.Parse(json)!, status), RequestTimeout);

    protected Task<ObjectReply> Delete(ObjectKey key, DeleteOptions? options = null) => Store.Ask<ObjectReply>(new DeleteObject(key, options), RequestTimeout);

    protected Task<ObjectList> List(ListObjects request) => Store.Ask<ObjectList>(request, RequestTimeout);

    protected Task<ObjectList> ListPods(string? ns = null, string? labels = null, string? fields = null, int? limit = null, string? cont = null, string? rv = null) =>
        List(new ListObjects("", "Pod", ns, labels, fields, rv, limit, cont));

    /// <summary>Creates <paramref name="obj"/> and returns the stored object, failing the test on an error.</summary>
    protected async Task<T> Created<T>(T obj) where T : IKubernetesObject
    {
        var reply = await Create(obj);
        Assert.True(reply.IsSuccess, reply.Error?.ToString());
        return (T)reply.Object!;
    }

    /// <summary>Waits until <paramref name="key"/> no longer exists.</summary>
    protected Task AwaitGone(ObjectKey key) => AwaitAssertAsync(async () =>
        Assert.Equal("NotFound", (await Get(key)).Error?.Reason), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50));

    /// <summary>A fresh probe with a watch open on it; returns the probe and the start reply.</summary>
    protected (TestKit.TestProbe Probe, WatchStarted Started) OpenWatch(WatchObjects request)
    {
        var probe = CreateTestProbe();
        probe.Send(Store, request);
        var started = probe.ExpectMsg<WatchStarted>(RequestTimeout);
        return (probe, started);
    }

    /// <summary>The next non-bookmark watch event.</summary>
    protected static WatchEvent NextChange(TestKit.TestProbe probe, TimeSpan timeout) =>
        probe.FishForMessage<WatchEvent>(e => e.Type != WatchEventType.Bookmark, timeout);
}
