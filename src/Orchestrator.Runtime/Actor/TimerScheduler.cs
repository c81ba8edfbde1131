namespace Orchestrator.Runtime;

/// <summary>Keyed timers that send messages to the actor itself; starting a key again replaces its timer.</summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first time after <paramref name="initialDelay"/> (default: one interval).</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval, TimeSpan? initialDelay = null);

    /// <summary>True while the timer <paramref name="key"/> is pending or repeating.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer; a message it already sent but that was not yet processed is discarded.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}

/// <summary>Implemented by actors that use timers; the runtime sets <see cref="Timers"/> when it creates the instance.</summary>
public interface IWithTimers
{
    /// <summary>This actor's timers; all are cancelled when the actor stops or restarts.</summary>
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Timers of one cell. Each start bumps a generation; a fired message carries the generation it was
/// started with and is dropped unless it is still current, so cancel and restart never leak a late message.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = new();
    private int _generation;

    /// <summary>What a timer puts in the mailbox; unwrapped before the actor sees it.</summary>
    internal sealed record TimerFired(object Key, int Generation, object Message) : IAutoReceivedMessage;

    private sealed record Entry(int Generation, bool Periodic, ICancelable Cancelable);

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval, TimeSpan? initialDelay = null)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer needs a positive interval.");
        Start(key, message, initialDelay ?? interval, interval);
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerFired(key, generation, message);
        var self = cell.SelfRef;
        var scheduler = cell.SystemImpl.Scheduler;
        var cancelable = interval is { } every
            ? scheduler.ScheduleTellRepeatedly(delay, every, self, fired, self)
            : scheduler.ScheduleTellOnce(delay, self, fired, self);
        _timers[key] = new Entry(generation, interval.HasValue, cancelable);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Cancelable.Cancel();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Cancelable.Cancel();
        _timers.Clear();
    }

    internal void Deliver(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation) return;
        if (!entry.Periodic) _timers.Remove(fired.Key);
        cell.ReceiveUnwrapped(fired.Message);
    }
}
