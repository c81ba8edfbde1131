namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// One scheduling profile: the plugins in their order and the score weights, run as one pure
/// function <c>Schedule(pod, snapshot) → node or FitError</c>. Filtering starts where the previous
/// cycle stopped (round robin) and ends once <see cref="NodeSampling"/>'s number of feasible nodes is
/// found; scores are normalised per plugin, weighted and summed, and ties are broken at random.
/// Buffers are kept between cycles, so an instance belongs to one thread (the scheduler actor).
/// </summary>
public sealed class SchedulingFramework
{
    private readonly IPreFilterPlugin[] _preFilters;
    private readonly IFilterPlugin[] _filters;
    private readonly int[] _filterPreFilterIndex;
    private readonly IPreScorePlugin[] _preScores;
    private readonly IScorePlugin[] _scorers;
    private readonly int[] _scorerPreScoreIndex;
    private readonly long[] _weights;
    private readonly int _percentageOfNodesToScore;
    private readonly Random _random;
    private readonly CycleState _state = new();
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly bool[] _preFilterSkipped;
    private readonly bool[] _preScoreSkipped;
    private NodeInfo[] _feasible = new NodeInfo[64];
    private long[] _scores = new long[64];
    private long[] _totals = new long[64];
    private int _nextStartIndex;

    /// <summary>
    /// A profile of <paramref name="plugins"/> (each used for every extension point it implements, in
    /// list order), scoring with <paramref name="weights"/> by plugin name (missing: 1).
    /// </summary>
    public SchedulingFramework(IReadOnlyList<IPlugin> plugins, IReadOnlyDictionary<string, int> weights, int percentageOfNodesToScore = 0, Random? random = null)
    {
        _preFilters = plugins.OfType<IPreFilterPlugin>().ToArray();
        _filters = plugins.OfType<IFilterPlugin>().ToArray();
        _filterPreFilterIndex = _filters.Select(f => Array.IndexOf(_preFilters, f as IPreFilterPlugin)).ToArray();
        _preScores = plugins.OfType<IPreScorePlugin>().ToArray();
        _scorers = plugins.OfType<IScorePlugin>().ToArray();
        _scorerPreScoreIndex = _scorers.Select(s => Array.IndexOf(_preScores, s as IPreScorePlugin)).ToArray();
        _weights = _scorers.Select(s => (long)weights.GetValueOrDefault(s.Name, 1)).ToArray();
        _percentageOfNodesToScore = percentageOfNodesToScore;
        _random = random ?? new Random();
        _preFilterSkipped = new bool[_preFilters.Length];
        _preScoreSkipped = new bool[_preScores.Length];
    }

    /// <summary>The filter plugins in the order they run.</summary>
    public IReadOnlyList<IFilterPlugin> Filters => _filters;

    /// <summary>Picks a node for <paramref name="pod"/> in <paramref name="snapshot"/>, or says why none fits.</summary>
    public ScheduleResult Schedule(PodInfo pod, ClusterSnapshot snapshot)
    {
        var nodes = snapshot.Nodes;
        if (pod.Invalid is { } invalid) return Failed(nodes.Count, invalid, ClusterEvents.None);
        if (nodes.Count == 0) return Failed(0, null, ClusterEvents.NodeAdded);
        _state.Clear();
        for (var i = 0; i < _preFilters.Length; i++)
        {
            var status = _preFilters[i].PreFilter(_state, pod, snapshot);
            _preFilterSkipped[i] = status.Code == StatusCode.Skip;
            if (status.IsRejection)
                return Failed(nodes.Count, status.Reason(0), (_preFilters[i] as IFilterPlugin)?.RetryOn ?? ClusterEvents.All);
        }

        var feasibleCount = FindFeasible(pod, snapshot, out var evaluated, out var retryOn);
        if (feasibleCount == 0)
        {
            var failure = new FitError(nodes.Count, new Dictionary<string, int>(_reasons, StringComparer.Ordinal), null, retryOn);
            return new ScheduleResult(null, failure, evaluated, 0);
        }

        var chosen = feasibleCount == 1 ? _feasible[0] : PickByScore(pod, snapshot, feasibleCount);
        return new ScheduleResult(chosen, null, evaluated, feasibleCount);
    }

    private int FindFeasible(PodInfo pod, ClusterSnapshot snapshot, out int evaluated, out ClusterEvents retryOn)
    {
        var nodes = snapshot.Nodes;
        var all = nodes.Count;
        var wanted = NodeSampling.FeasibleNodesToFind(all, _percentageOfNodesToScore);
        if (_feasible.Length < wanted) _feasible = new NodeInfo[Math.Max(wanted, _feasible.Length * 2)];
        _reasons.Clear();
        retryOn = ClusterEvents.None;
        var found = 0;
        var start = _nextStartIndex % all;
        evaluated = 0;
        while (evaluated < all && found < wanted)
        {
            var node = nodes[(start + evaluated) % all];
            evaluated++;
            if (RunFilters(pod, node, ref retryOn)) _feasible[found++] = node;
        }

        _nextStartIndex = (start + evaluated) % all;
        return found;
    }

    private bool RunFilters(PodInfo pod, NodeInfo node, ref ClusterEvents retryOn)
    {
        for (var f = 0; f < _filters.Length; f++)
        {
            var pre = _filterPreFilterIndex[f];
            if (pre >= 0 && _preFilterSkipped[pre]) continue;
            var status = _filters[f].Filter(_state, pod, node);
            if (status.IsSuccess) continue;
            retryOn |= _filters[f].RetryOn;
            for (var r = 0; r < status.ReasonCount; r++)
            {
                var reason = status.Reason(r);
                _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            }

            return false;
        }

        return true;
    }

    private NodeInfo PickByScore(PodInfo pod, ClusterSnapshot snapshot, int count)
    {
        if (_scores.Length < count)
        {
            _scores = new long[Math.Max(count, _scores.Length * 2)];
            _totals = new long[_scores.Length];
        }

        var feasible = new ReadOnlySpan<NodeInfo>(_feasible, 0, count);
        for (var i = 0; i < _preScores.Length; i++) _preScoreSkipped[i] = _preScores[i].PreScore(_state, pod, feasible, snapshot).Code == StatusCode.Skip;
        var totals = new Span<long>(_totals, 0, count);
        totals.Clear();
        var scores = new Span<long>(_scores, 0, count);
        for (var s = 0; s < _scorers.Length; s++)
        {
            var pre = _scorerPreScoreIndex[s];
            if (pre >= 0 && _preScoreSkipped[pre]) continue;
            var scorer = _scorers[s];
            for (var n = 0; n < count; n++) scores[n] = scorer.Score(_state, pod, feasible[n]);
            scorer.NormalizeScore(_state, pod, scores);
            var weight = _weights[s];
            for (var n = 0; n < count; n++) totals[n] += scores[n] * weight;
        }

        // Reservoir sampling among the best, so equal nodes share the load.
        var best = 0;
        var ties = 1;
        for (var n = 1; n < count; n++)
        {
            if (totals[n] > totals[best])
            {
                best = n;
                ties = 1;
            }
            else if (totals[n] == totals[best] && _random.Next(++ties) == 0) best = n;
        }

        return feasible[best];
    }

    private static ScheduleResult Failed(int allNodes, string? reason, ClusterEvents retryOn) =>
        new(null, new FitError(allNodes, new Dictionary<string, int>(), reason, retryOn), 0, 0);
}
