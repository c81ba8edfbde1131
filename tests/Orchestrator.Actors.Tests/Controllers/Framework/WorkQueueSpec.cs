using Orchestrator.Actors.Controllers.Framework;

namespace Orchestrator.Actors.Tests.Controllers.Framework;

public sealed class WorkQueueSpec
{
    [Fact]
    public void A_key_added_twice_is_handed_out_once()
    {
        var queue = new WorkQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryTake(out var first));
        Assert.True(queue.TryTake(out var second));
        Assert.Equal(["a", "b"], new[] { first, second });
        Assert.False(queue.TryTake(out _));
    }

    [Fact]
    public void A_key_added_while_processing_waits_until_done_then_comes_back_once()
    {
        var queue = new WorkQueue();
        queue.Add("a");
        queue.TryTake(out _);
        queue.Add("a");
        queue.Add("a");

        Assert.False(queue.TryTake(out _));
        Assert.True(queue.Contains("a"));
        queue.Done("a");
        Assert.True(queue.TryTake(out var again));
        Assert.Equal("a", again);
        queue.Done("a");
        Assert.False(queue.TryTake(out _));
        Assert.False(queue.Contains("a"));
    }

    [Fact]
    public void A_key_done_without_new_adds_is_not_requeued()
    {
        var queue = new WorkQueue();
        queue.Add("a");
        queue.TryTake(out _);
        queue.Done("a");

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Processing);
    }
}
