using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Actors.Scheduling.Reporting;

namespace Orchestrator.Actors.Tests.Scheduling.Framework;

public sealed class FailureMessageSpec
{
    [Fact]
    public void Reasons_are_counted_and_sorted_as_kube_scheduler_sorts_them()
    {
        var error = new FitError(3, new Dictionary<string, int>
        {
            ["Insufficient cpu"] = 2,
            ["node(s) didn't match Pod's node affinity/selector"] = 1,
        }, null, ClusterEvents.All);
        Assert.Equal("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.", FailureMessage.Format(error));
    }

    [Fact]
    public void Counts_sort_as_text()
    {
        var error = new FitError(12, new Dictionary<string, int> { ["a"] = 2, ["b"] = 10 }, null, ClusterEvents.All);
        Assert.Equal("0/12 nodes are available: 10 b, 2 a.", FailureMessage.Format(error));
    }

    [Fact]
    public void A_cluster_without_nodes_says_so() =>
        Assert.Equal("no nodes available to schedule pods", FailureMessage.Format(new FitError(0, new Dictionary<string, int>(), null, ClusterEvents.NodeAdded)));

    [Fact]
    public void A_reason_for_the_whole_cluster_is_given_once() =>
        Assert.Equal("0/5 nodes are available: invalid selector.", FailureMessage.Format(new FitError(5, new Dictionary<string, int>(), "invalid selector", ClusterEvents.None)));
}
