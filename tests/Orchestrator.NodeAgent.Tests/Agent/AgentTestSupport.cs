using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>HOCON, builders and store helpers shared by the node agent tests.</summary>
public static class AgentTestSupport
{
    /// <summary>A store on the in-memory journal, quiet logs.</summary>
    public const string MemoryStoreConfig = """
        orchestrator.persistence.journal.plugin = memory
        orchestrator.persistence.snapshot-store.plugin = memory
        orchestrator.loglevel = Warning
        """;

    /// <summary>Starts an object store at <c>/user/store</c>.</summary>
    public static IActorRef StartStore(ActorSystem system) =>
        system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), "store");

    /// <summary>Agent settings for tests: a unique node name, fast lease renewal, some reservations.</summary>
    public static NodeAgentSettings Settings(string nodeName) => new()
    {
        NodeName = nodeName,
        Labels = new Dictionary<string, string> { ["topology.example/zone"] = "a" },
        Taints = [new Taint { Key = "dedicated", Value = "tests", Effect = "NoSchedule" }],
        ReservedCpu = "100m",
        ReservedMemory = "64Mi",
        MaxPods = 17,
        LeaseRenewInterval = TimeSpan.FromMilliseconds(200),
        LeaseDuration = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A pod in <c>default</c> bound to <paramref name="nodeName"/> with one container running <paramref name="command"/>.</summary>
    public static Pod Pod(string name, string nodeName, string image, params string[] command) => new()
    {
        Metadata = { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container { Name = "main", Image = image, Command = [.. command] }],
        },
    };

    /// <summary>The key of a pod in <c>default</c>.</summary>
    public static ObjectKey PodKey(string name) => new("", "Pod", "default", name);

    /// <summary>Sends a command to the store and returns its reply.</summary>
    public static Task<ObjectReply> Send(this IActorRef store, IObjectCommand command, TimeSpan timeout) =>
        store.Ask<ObjectReply>(command, timeout);

    /// <summary>Reads an object; null when it does not exist.</summary>
    public static async Task<T?> Read<T>(this IActorRef store, ObjectKey key, TimeSpan timeout) where T : class, IKubernetesObject
    {
        var reply = await store.Send(new GetObject(key), timeout);
        if (reply.Error?.Reason == "NotFound")
        {
            return null;
        }

        Assert.True(reply.IsSuccess, reply.Error?.ToString());
        return (T)reply.Object!;
    }

    /// <summary>Creates an object, failing the test on an error.</summary>
    public static async Task<T> Created<T>(this IActorRef store, T obj, TimeSpan timeout) where T : IKubernetesObject
    {
        var reply = await store.Send(new CreateObject(obj), timeout);
        Assert.True(reply.IsSuccess, reply.Error?.ToString());
        return (T)reply.Object!;
    }
}
