namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// The plugin contracts. A cycle runs, for one pod: every <see cref="IPreFilterPlugin"/> once; every
/// <see cref="IFilterPlugin"/> per node until enough feasible nodes are found (a node fails at the first
/// rejecting plugin); when more than one node is feasible, every <see cref="IPreScorePlugin"/> once,
/// then every <see cref="IScorePlugin"/> per feasible node, <see cref="IScorePlugin.NormalizeScore"/>
/// once, and the weighted sum picks the node. Plugins are stateless between cycles; per-cycle data
/// goes in the <see cref="CycleState"/>. All run on the scheduler's one thread.
/// </summary>
public interface IPlugin
{
    /// <summary>The plugin's name, as kube-scheduler's (e.g. NodeResourcesFit).</summary>
    string Name { get; }
}

/// <summary>Runs once per cycle before the filters: precomputes state, or rejects the pod everywhere, or returns Skip so its Filter is not run.</summary>
public interface IPreFilterPlugin : IPlugin
{
    /// <summary>Prepares the cycle for <paramref name="pod"/>.</summary>
    Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot);
}

/// <summary>Decides whether one node can run the pod.</summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>The cluster events that can turn this plugin's rejection into a fit.</summary>
    ClusterEvents RetryOn { get; }

    /// <summary>Success, or a rejection with its reasons. Must not allocate on success.</summary>
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>Runs once per cycle before scoring, with the feasible nodes; Skip means its Score is not run (every node scores 0).</summary>
public interface IPreScorePlugin : IPlugin
{
    /// <summary>Prepares scoring of <paramref name="pod"/> on <paramref name="feasible"/>.</summary>
    Status PreScore(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> feasible, ClusterSnapshot snapshot);
}

/// <summary>Ranks feasible nodes; the framework multiplies the normalised score (0-100) by the plugin's weight.</summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>The raw score of <paramref name="node"/>.</summary>
    long Score(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Brings the raw scores (one per feasible node, in order) into 0..<see cref="Scores.MaxNodeScore"/>.</summary>
    void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores);
}
