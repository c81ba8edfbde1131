namespace Orchestrator.Runtime;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is dropped.</summary>
    Resume,
    /// <summary>Replace the instance with a fresh one; the failing message is dropped.</summary>
    Restart,
    /// <summary>Stop the child.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}

/// <summary>
/// How an actor handles failures of its children. The decider maps an exception to a
/// <see cref="Directive"/>; restarts are limited to <c>maxNrOfRetries</c> within <c>withinTimeRange</c>,
/// after which the child is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Restart on any exception, except: initialization failures, Kill and death pacts stop.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy Default = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Creates a strategy.</summary>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; negative means unlimited.</param>
    /// <param name="withinTimeRange">The window; null means the count never resets.</param>
    protected SupervisorStrategy(Func<Exception, Directive> decider, int maxNrOfRetries, TimeSpan? withinTimeRange)
    {
        Decider = decider;
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window over which restarts are counted.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>True when the directive applies to all children, not just the failed one.</summary>
    public abstract bool AppliesToAllChildren { get; }

    /// <summary>Records a restart for <paramref name="stats"/> and says whether it is still within the limit.</summary>
    internal bool RequestRestartPermission(ChildRestartStats stats) =>
        stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange);
}

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy(Func<Exception, Directive> decider, int maxNrOfRetries = -1, TimeSpan? withinTimeRange = null)
    : SupervisorStrategy(decider, maxNrOfRetries, withinTimeRange)
{
    /// <inheritdoc />
    public override bool AppliesToAllChildren => false;
}

/// <summary>Applies the directive to all children: one failing restarts or stops them all.</summary>
public sealed class AllForOneStrategy(Func<Exception, Directive> decider, int maxNrOfRetries = -1, TimeSpan? withinTimeRange = null)
    : SupervisorStrategy(decider, maxNrOfRetries, withinTimeRange)
{
    /// <inheritdoc />
    public override bool AppliesToAllChildren => true;
}

/// <summary>A child as its parent sees it: its ref and its restart count within the current window.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    public IInternalActorRef Child { get; } = child;
    public bool IsTerminating { get; set; }
    private int _restartCount;
    private long _windowStartTicks;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window)
    {
        if (maxNrOfRetries < 0) return true;
        if (maxNrOfRetries == 0) return false;
        if (window is not { } w) return ++_restartCount <= maxNrOfRetries;

        var now = Environment.TickCount64;
        if (_restartCount == 0 || now - _windowStartTicks > (long)w.TotalMilliseconds)
        {
            _windowStartTicks = now;
            _restartCount = 1;
            return true;
        }
        return ++_restartCount <= maxNrOfRetries;
    }
}
