using Orchestrator.Actors.Tests.Store.Support;

namespace Orchestrator.Actors.Tests.Store.ReadModels;

/// <summary>A List that cannot be answered consistently fails in time instead of hanging (memory journal).</summary>
public sealed class ListTimeoutSpec() : StoreSpec(StoreBackends.Memory, "orchestrator.store.list-wait-timeout = 300ms")
{
    [Fact]
    public async Task A_list_at_a_resource_version_the_journal_never_reaches_times_out()
    {
        var list = await ListPods(rv: "999999999");
        Assert.Equal(("Timeout", 504), (list.Error!.Reason, list.Error.Code));
        Assert.True((await ListPods(rv: "0")).IsSuccess);
    }
}
