namespace Orchestrator.Runtime;

/// <summary>
/// The receive timeout of one cell. Rather than re-arming a timer on every message (costly on hot
/// actors), each message only records the time; when the timer fires it checks how long the actor
/// has really been idle and either delivers <see cref="ReceiveTimeout"/> or sleeps the remainder.
/// </summary>
internal sealed class ReceiveTimeoutState(ActorCell cell)
{
    private long _lastActivity = Environment.TickCount64;
    private ICancelable? _timer;
    private int _generation;

    /// <summary>The tick the timer sends; it does not count as activity.</summary>
    internal sealed record Tick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

    public TimeSpan Timeout { get; private set; }

    public void Set(TimeSpan timeout)
    {
        Timeout = timeout;
        Touch();
        Arm(timeout);
    }

    public void Touch() => _lastActivity = Environment.TickCount64;

    public void Cancel()
    {
        _generation++;
        _timer?.Cancel();
        _timer = null;
    }

    internal void OnTick(Tick tick)
    {
        if (tick.Generation != _generation) return;
        var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastActivity);
        if (idle < Timeout)
        {
            Arm(Timeout - idle);
            return;
        }
        Touch();
        Arm(Timeout);
        cell.ReceiveUnwrapped(ReceiveTimeout.Instance);
    }

    private void Arm(TimeSpan delay)
    {
        _timer?.Cancel();
        var self = cell.SelfRef;
        _timer = cell.SystemImpl.Scheduler.ScheduleTellOnce(delay, self, new Tick(++_generation), self);
    }
}
