namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al.) for one monitored member. It keeps the intervals
/// between heartbeats and, for the time since the last one, computes phi = -log10(P(a heartbeat arrives
/// later than that)), the probability taken from a normal distribution with the observed mean (plus the
/// acceptable pause) and standard deviation (at least the configured minimum). Phi grows without bound as
/// silence lasts; the member is available while phi stays below the threshold.
/// Not thread-safe: one actor owns each instance. Times are milliseconds of a monotonic clock.
/// </summary>
internal sealed class PhiAccrualFailureDetector
{
    private readonly FailureDetectorSettings _settings;
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _sumOfSquares;
    private long? _lastHeartbeat;

    /// <summary>
    /// A detector that has not heard anything yet. Its history starts with two intervals around
    /// <paramref name="firstHeartbeatEstimate"/> (mean that, deviation a quarter of it), so the first real
    /// intervals are judged against a sensible guess.
    /// </summary>
    public PhiAccrualFailureDetector(FailureDetectorSettings settings, TimeSpan firstHeartbeatEstimate)
    {
        _settings = settings;
        var mean = firstHeartbeatEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        Add(mean - deviation);
        Add(mean + deviation);
    }

    /// <summary>True once at least one heartbeat arrived.</summary>
    public bool IsMonitoring => _lastHeartbeat is not null;

    /// <summary>Records a heartbeat arriving at <paramref name="nowMs"/>.</summary>
    public void Heartbeat(long nowMs)
    {
        if (_lastHeartbeat is { } last)
        {
            var interval = nowMs - last;
            // Only intervals that were themselves acceptable feed the history: one long outage must not teach the
            // detector that outages are normal.
            if (Phi(nowMs) < _settings.Threshold) Add(interval);
        }
        _lastHeartbeat = nowMs;
    }

    /// <summary>True while phi at <paramref name="nowMs"/> is below the threshold (and always before the first heartbeat).</summary>
    public bool IsAvailable(long nowMs) => Phi(nowMs) < _settings.Threshold;

    /// <summary>Phi at <paramref name="nowMs"/>: 0 before the first heartbeat.</summary>
    public double Phi(long nowMs)
    {
        if (_lastHeartbeat is not { } last) return 0;
        var n = _intervals.Count;
        var mean = _sum / n;
        var variance = Math.Max(0, _sumOfSquares / n - mean * mean);
        var deviation = Math.Max(Math.Sqrt(variance), _settings.MinStdDeviation.TotalMilliseconds);
        return Phi(nowMs - last, mean + _settings.AcceptableHeartbeatPause.TotalMilliseconds, deviation);
    }

    /// <summary>
    /// Phi of a silence of <paramref name="elapsedMs"/> under a normal distribution with <paramref name="meanMs"/> and
    /// <paramref name="deviationMs"/>, using the logistic approximation of the normal CDF
    /// (1 / (1 + e^(-y(1.5976 + 0.070566 y²))), accurate to about 1.4e-4), which stays finite far in the tail.
    /// </summary>
    public static double Phi(double elapsedMs, double meanMs, double deviationMs)
    {
        var y = (elapsedMs - meanMs) / deviationMs;
        var e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        // P(later) = e / (1 + e); for y far below the mean e overflows, and P(later) tends to 1 (phi 0).
        if (double.IsInfinity(e)) return 0;
        return elapsedMs > meanMs ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    private void Add(double interval)
    {
        if (_intervals.Count >= _settings.MaxSampleSize)
        {
            var dropped = _intervals.Dequeue();
            _sum -= dropped;
            _sumOfSquares -= dropped * dropped;
        }
        _intervals.Enqueue(interval);
        _sum += interval;
        _sumOfSquares += interval * interval;
    }
}
