using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime;

/// <summary>The runtime's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Unhandled message {MessageType} in {Actor} from {Sender}")]
    public static partial void UnhandledMessage(ILogger logger, string messageType, string actor, string sender);

    [LoggerMessage(2, LogLevel.Information, "Dead letter {MessageType} from {Sender} to {Recipient} ({Reason}); {Count} of {Limit} logged")]
    public static partial void DeadLetter(ILogger logger, string messageType, string sender, string recipient, string reason, int count, int limit);

    [LoggerMessage(3, LogLevel.Error, "Child {Child} failed and was restarted")]
    public static partial void ChildRestarted(ILogger logger, Exception cause, string child);

    [LoggerMessage(4, LogLevel.Error, "Child {Child} failed and was stopped")]
    public static partial void ChildStopped(ILogger logger, Exception cause, string child);

    [LoggerMessage(5, LogLevel.Warning, "Child {Child} failed and was resumed")]
    public static partial void ChildResumed(ILogger logger, Exception cause, string child);

    [LoggerMessage(6, LogLevel.Error, "Child {Child} failed; escalating to the supervisor's parent")]
    public static partial void ChildEscalated(ILogger logger, Exception cause, string child);

    [LoggerMessage(7, LogLevel.Error, "Child {Child} failed again after {MaxRetries} restarts within the window; stopping it")]
    public static partial void RestartLimitReached(ILogger logger, Exception cause, string child, int maxRetries);

    [LoggerMessage(8, LogLevel.Error, "PreRestart of {Actor} threw; restarting anyway")]
    public static partial void PreRestartFailed(ILogger logger, Exception cause, string actor);

    [LoggerMessage(9, LogLevel.Error, "PostStop of {Actor} threw; the actor is stopped anyway")]
    public static partial void PostStopFailed(ILogger logger, Exception cause, string actor);

    [LoggerMessage(10, LogLevel.Error, "{Actor} failed while stopping; the failure is ignored")]
    public static partial void FailureWhileStopping(ILogger logger, Exception cause, string actor);

    [LoggerMessage(11, LogLevel.Error, "Guardian {Guardian} failed and is stopped; the actor system shuts down")]
    public static partial void GuardianFailed(ILogger logger, Exception cause, string guardian);

    [LoggerMessage(12, LogLevel.Warning, "Coordinated shutdown phase {Phase} timed out after {Timeout}; continuing")]
    public static partial void PhaseTimedOut(ILogger logger, string phase, TimeSpan timeout);

    [LoggerMessage(13, LogLevel.Error, "Coordinated shutdown task {Task} in phase {Phase} failed; continuing")]
    public static partial void PhaseTaskFailed(ILogger logger, Exception cause, string task, string phase);

    [LoggerMessage(14, LogLevel.Information, "Actor system {System} terminated ({Reason})")]
    public static partial void SystemTerminated(ILogger logger, string system, string reason);
}
