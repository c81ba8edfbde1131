using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Controller log messages, source-generated, each naming the controller and the key.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(7801, LogLevel.Warning, "{Controller} could not sync {Key} (failure {Failures} in a row, retry in {Delay}): {Error}")]
    public static partial void SyncFailed(ILogger logger, string controller, string key, int failures, TimeSpan delay, string error);

    [LoggerMessage(7802, LogLevel.Debug, "{Controller} will sync {Key} again in {Delay}: its view was stale ({Error})")]
    public static partial void SyncConflict(ILogger logger, string controller, string key, TimeSpan delay, string error);
}
