namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>The outcome of one cycle: the chosen node, or why none fits.</summary>
/// <param name="Node">The node picked; null when <paramref name="Failure"/> is set.</param>
/// <param name="Failure">Why no node fits.</param>
/// <param name="EvaluatedNodes">Nodes run through the filters.</param>
/// <param name="FeasibleNodes">Nodes that passed them.</param>
public sealed record ScheduleResult(NodeInfo? Node, FitError? Failure, int EvaluatedNodes, int FeasibleNodes)
{
    /// <summary>True when a node was picked.</summary>
    public bool IsSuccess => Node is not null;
}

/// <summary>
/// No node fits: the node count and, per rejection reason, the number of nodes that gave it (or one
/// message that applied to every node), plus the cluster events that can change the outcome.
/// </summary>
/// <param name="AllNodes">The number of nodes in the cluster.</param>
/// <param name="Reasons">Reason → nodes rejected for it.</param>
/// <param name="WholeClusterReason">A reason given once for the pod rather than per node (PreFilter, invalid pod), or null.</param>
/// <param name="RetryOn">The events worth a retry: those registered by the plugins that rejected.</param>
public sealed record FitError(int AllNodes, IReadOnlyDictionary<string, int> Reasons, string? WholeClusterReason, ClusterEvents RetryOn)
{
    /// <summary>The FailedScheduling message, as kube-scheduler words it.</summary>
    public string Message => Reporting.FailureMessage.Format(this);
}
