using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Controller log messages, source-generated, each naming the controller and the key.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(801, LogLevel.Warning, "{Controller} could not sync {Key} (failure {Failures} in a row, retry in {Delay}): {Error}")]
    public static partial void SyncFailed(ILogger logger, string controller, string key, int failures, TimeSpan delay, string error);

    [LoggerMessage(802, LogLevel.Information, "{Controller}: {Key}: {What}")]
    public static partial void Acted(ILogger logger, string controller, string key, string what);
}
