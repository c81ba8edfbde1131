using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Store;

/// <summary>Object store log messages, source-generated, each carrying the object or action it is about.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(501, LogLevel.Warning, "Garbage collector action '{Action}' failed: {Failure}; the periodic resync retries it")]
    public static partial void CollectorActionFailed(ILogger logger, string action, string failure);

    [LoggerMessage(502, LogLevel.Warning, "The {Kind} read model stopped with {Watches} open watches; they end with 410 Expired")]
    public static partial void ReadModelStopped(ILogger logger, string kind, int watches);
}
