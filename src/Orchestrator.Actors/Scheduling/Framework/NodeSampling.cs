namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// How many feasible nodes a cycle looks for before it stops filtering (kube-scheduler's
/// percentageOfNodesToScore): every node below 100 nodes; otherwise the configured percentage, or
/// when that is 0 an adaptive one (50% minus 1% per 125 nodes, at least 5%), and never fewer than 100.
/// </summary>
public static class NodeSampling
{
    /// <summary>Below this many nodes every node is considered, and never fewer are looked for.</summary>
    public const int MinFeasibleNodesToFind = 100;

    /// <summary>The adaptive percentage never drops below this.</summary>
    public const int MinFeasibleNodesPercentageToFind = 5;

    /// <summary>The number of feasible nodes to find among <paramref name="allNodes"/> with <paramref name="percentage"/> (0 = adaptive).</summary>
    public static int FeasibleNodesToFind(int allNodes, int percentage)
    {
        if (allNodes < MinFeasibleNodesToFind || percentage >= 100) return allNodes;
        var adaptive = percentage;
        if (adaptive <= 0)
        {
            adaptive = 50 - (allNodes / 125);
            if (adaptive < MinFeasibleNodesPercentageToFind) adaptive = MinFeasibleNodesPercentageToFind;
        }

        var count = (int)((long)allNodes * adaptive / 100);
        return count < MinFeasibleNodesToFind ? MinFeasibleNodesToFind : count;
    }
}
