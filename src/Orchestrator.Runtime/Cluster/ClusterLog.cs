using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Cluster;

/// <summary>The cluster's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(201, LogLevel.Error, "A cluster callback of {Self} failed")]
    public static partial void CallbackFailed(ILogger logger, Exception cause, string self);
}
