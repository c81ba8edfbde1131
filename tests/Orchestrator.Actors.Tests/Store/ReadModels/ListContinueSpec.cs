using Orchestrator.Actors.Tests.Store.Support;

namespace Orchestrator.Actors.Tests.Store.ReadModels;

/// <summary>Continue tokens whose held rest was dropped (memory journal, one held List per kind).</summary>
public sealed class ListContinueSpec() : StoreSpec(StoreBackends.Memory, "orchestrator.store { list-continue-max = 1 }")
{
    [Fact]
    public async Task A_token_whose_list_was_dropped_is_410_Expired_and_a_new_list_works()
    {
        for (var i = 0; i < 5; i++) await Created(TestPods.Pending($"p{i}"));
        var older = await ListPods(limit: 2);
        var newer = await ListPods(limit: 2);

        var expired = (await ListPods(limit: 2, cont: older.Continue)).Error!;
        var next = await ListPods(limit: 2, cont: newer.Continue);

        Assert.Equal(("Expired", 410), (expired.Reason, expired.Code));
        Assert.Contains("too old", expired.Message);
        Assert.Equal(["p2", "p3"], next.Items.Select(p => p.Metadata.Name));
    }
}
