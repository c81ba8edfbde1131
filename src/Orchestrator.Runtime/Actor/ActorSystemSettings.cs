using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime;

/// <summary>
/// The kernel's settings, read from the <c>orchestrator</c> section of the configuration
/// (documented key by key in the runtime's <c>reference.conf</c>).
/// </summary>
public sealed record ActorSystemSettings
{
    /// <summary>User messages an actor processes per turn before yielding its thread (<c>orchestrator.actor.throughput</c>).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Default Ask timeout (<c>orchestrator.actor.ask-timeout</c>).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Log unhandled messages at Warning (<c>orchestrator.actor.log-unhandled</c>).</summary>
    public bool LogUnhandled { get; init; } = true;

    /// <summary>How many dead letters are logged; 0 logs none (<c>orchestrator.log-dead-letters</c>).</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary>Whether dead letters are logged while the system terminates (<c>orchestrator.log-dead-letters-during-shutdown</c>).</summary>
    public bool LogDeadLettersDuringShutdown { get; init; }

    /// <summary>Minimum level of log entries (<c>orchestrator.loglevel</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Whether a system created without a logger factory logs to the console (<c>orchestrator.stdout-logging</c>).</summary>
    public bool StdoutLogging { get; init; } = true;

    /// <summary>The coordinated-shutdown phases, in any order (sorted by their dependencies).</summary>
    public IReadOnlyList<ShutdownPhase> ShutdownPhases { get; init; } = CoordinatedShutdown.DefaultPhases;

    /// <summary>Validates values that would make the system misbehave, naming the key.</summary>
    public ActorSystemSettings Validate()
    {
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "orchestrator.actor.throughput must be at least 1.");
        if (AskTimeout <= TimeSpan.Zero && AskTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "orchestrator.actor.ask-timeout must be positive or 'infinite'.");
        return this;
    }
}
