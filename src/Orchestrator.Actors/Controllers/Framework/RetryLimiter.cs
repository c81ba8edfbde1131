namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// How long a failed key waits before its next sync: the larger of a per-key exponential back-off
/// (<see cref="RetrySettings.BaseDelay"/> doubling per failure in a row, up to <see cref="RetrySettings.MaxDelay"/>)
/// and an overall token bucket (<see cref="RetrySettings.OverallRate"/> retries per second, bursts of
/// <see cref="RetrySettings.OverallBurst"/>) that keeps many failing keys from hammering the store.
/// Owned by one actor; <paramref name="now"/> is the clock (injectable for tests).
/// </summary>
public sealed class RetryLimiter(RetrySettings settings, Func<DateTimeOffset> now)
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private double _tokens = settings.OverallBurst;
    private DateTimeOffset _refilled = now();

    /// <summary>Failures of <paramref name="key"/> in a row.</summary>
    public int Failures(string key) => _failures.GetValueOrDefault(key);

    /// <summary>Records one more failure of <paramref name="key"/> and returns how long it waits.</summary>
    public TimeSpan NextDelay(string key)
    {
        var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        var exponent = Math.Min(failures - 1, 40);
        var backoffTicks = Math.Min(settings.BaseDelay.Ticks * Math.Pow(2, exponent), settings.MaxDelay.Ticks);
        var backoff = TimeSpan.FromTicks((long)backoffTicks);
        var bucket = ReserveToken();
        return backoff > bucket ? backoff : bucket;
    }

    /// <summary>Forgets the failures of <paramref name="key"/> (after a successful sync).</summary>
    public void Forget(string key) => _failures.Remove(key);

    private TimeSpan ReserveToken()
    {
        var at = now();
        var elapsed = (at - _refilled).TotalSeconds;
        _refilled = at;
        _tokens = Math.Min(settings.OverallBurst, _tokens + (elapsed * settings.OverallRate));
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / settings.OverallRate);
    }
}
