using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Store.Entities;

public sealed class BindPodSpec : StoreSpec
{
    public BindPodSpec()
        : base(StoreBackends.Memory)
    {
    }

    private Task<ObjectReply> Bind(string name, string node, string? uid = null) =>
        Store.Ask<ObjectReply>(new BindPod("default", name, node, uid), RequestTimeout);

    [Fact]
    public async Task Binding_sets_the_node_and_the_PodScheduled_condition()
    {
        var created = await Created(TestPods.Pending("web"));
        var reply = await Bind("web", "node-1", created.Metadata.Uid);
        Assert.True(reply.IsSuccess, reply.Error?.ToString());
        var stored = (Pod)(await Get(PodKey("web"))).Object!;
        Assert.Equal("node-1", stored.Spec.NodeName);
        var condition = Assert.Single(stored.Status!.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal("True", condition.Status);
        Assert.NotEqual(created.Metadata.ResourceVersion, stored.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_bound_pod_cannot_be_bound_again()
    {
        await Created(TestPods.Pending("web"));
        Assert.True((await Bind("web", "node-1")).IsSuccess);
        var again = await Bind("web", "node-2");
        Assert.Equal("Conflict", again.Error?.Reason);
        Assert.Contains("already assigned to node \"node-1\"", again.Error!.Message);
    }

    [Fact]
    public async Task A_binding_for_another_pod_of_the_same_name_conflicts()
    {
        await Created(TestPods.Pending("web"));
        var reply = await Bind("web", "node-1", "not-the-uid");
        Assert.Equal("Conflict", reply.Error?.Reason);
        Assert.Null(((Pod)(await Get(PodKey("web"))).Object!).Spec.NodeName);
    }

    [Fact]
    public async Task Binding_a_missing_pod_is_NotFound() =>
        Assert.Equal("NotFound", (await Bind("ghost", "node-1")).Error?.Reason);
}
