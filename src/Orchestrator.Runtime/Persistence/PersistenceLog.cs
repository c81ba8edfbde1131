using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Persistence;

/// <summary>Persistence log messages, source-generated, each carrying the persistence id.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(101, LogLevel.Error, "Replay of {PersistenceId} failed")]
    public static partial void ReplayFailed(ILogger logger, Exception cause, string persistenceId);

    [LoggerMessage(102, LogLevel.Error, "Recovery of {PersistenceId} failed; the actor stops")]
    public static partial void RecoveryFailed(ILogger logger, Exception cause, string persistenceId);

    [LoggerMessage(103, LogLevel.Error, "Writing event {SequenceNr} of {PersistenceId} failed; the actor stops")]
    public static partial void PersistFailed(ILogger logger, Exception cause, string persistenceId, long sequenceNr);

    [LoggerMessage(104, LogLevel.Warning, "Event {EventType} of {PersistenceId} was rejected and not persisted; the actor keeps running")]
    public static partial void PersistRejected(ILogger logger, Exception cause, string persistenceId, string eventType);

    [LoggerMessage(106, LogLevel.Debug, "{PersistenceId} was taken for new but has events; it recovers and handles its command again")]
    public static partial void RecoveringAfterTakenWrite(ILogger logger, string persistenceId);

    [LoggerMessage(105, LogLevel.Warning, "A handler of a recovering actor {PersistenceId} threw")]
    public static partial void RecoveryHandlerFailed(ILogger logger, Exception cause, string persistenceId);
}
