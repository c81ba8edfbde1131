namespace Orchestrator.Runtime;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls it off; a no-op once it has run (single) or after the first call.</summary>
    void Cancel();

    /// <summary>True once cancelled.</summary>
    bool IsCancellationRequested { get; }
}

/// <summary>The system scheduler: delayed and periodic messages and actions.</summary>
public interface IScheduler
{
    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> on the thread pool after <paramref name="delay"/>.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

/// <summary>
/// A scheduler on .NET's timer queue, which is partitioned per core and cheap to add to and remove
/// from. Callbacks only enqueue messages, so they never block the timer thread.
/// </summary>
internal sealed class TimerQueueScheduler : IScheduler
{
    private volatile bool _shutdown;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender));

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, Timeout.InfiniteTimeSpan, action);

    /// <summary>Stops firing anything; called when the system has terminated.</summary>
    public void Shutdown() => _shutdown = true;

    private ScheduledTimer Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        return new ScheduledTimer(this, delay, period, action);
    }

    private sealed class ScheduledTimer : ICancelable
    {
        private readonly TimerQueueScheduler _owner;
        private readonly Action _action;
        private readonly bool _once;
        private readonly Timer _timer;
        private int _cancelled;

        public ScheduledTimer(TimerQueueScheduler owner, TimeSpan delay, TimeSpan period, Action action)
        {
            _owner = owner;
            _action = action;
            _once = period == Timeout.InfiniteTimeSpan;
            _timer = new Timer(static s => ((ScheduledTimer)s!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(delay, period);
        }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 0) _timer.Dispose();
        }

        private void Fire()
        {
            if (IsCancellationRequested || _owner._shutdown) return;
            if (_once) Cancel();
            _action();
        }
    }
}
