using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Store.Support;

namespace Orchestrator.Actors.Tests.Store.ReadModels;

/// <summary>
/// A watch older than the history window (memory journal, a window of 50 changes). Apart from
/// <see cref="ListWatchSpec"/>, whose concurrent-writer scenario needs a window no loaded machine can outrun.
/// </summary>
public sealed class WatchExpirySpec() : StoreSpec(StoreBackends.Memory, "orchestrator.store { watch-history-size = 50 }")
{
    [Fact]
    public async Task A_watch_from_a_resource_version_older_than_the_history_window_is_Gone()
    {
        var first = await Created(TestPods.Pending("p-first"));
        for (var i = 0; i < 60; i++) await Created(TestPods.Pending($"p{i}"));
        await ListPods();
        Store.Tell(new WatchObjects("", "Pod", ResourceVersion: first.Metadata.ResourceVersion), TestActor);
        var error = ExpectMsg<WatchEvent>(RequestTimeout);
        Assert.Equal((WatchEventType.Error, 410, "Expired"), (error.Type, error.Error!.Code, error.Error.Reason));
    }
}
