using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Scheduling;

/// <summary>Scheduler log messages, source-generated, each carrying the pod it is about.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(701, LogLevel.Debug, "Pod {Pod} is unschedulable: {Message}")]
    public static partial void Unschedulable(ILogger logger, string pod, string message);

    [LoggerMessage(702, LogLevel.Information, "Binding pod {Pod} to node {Node} failed: {Error}; the node's room is released and the pod retries after its back-off")]
    public static partial void BindFailed(ILogger logger, string pod, string node, string error);

    [LoggerMessage(703, LogLevel.Error, "Scheduling pod {Pod} failed with an error; it retries after its back-off")]
    public static partial void CycleError(ILogger logger, Exception error, string pod);

    [LoggerMessage(704, LogLevel.Debug, "Writing the FailedScheduling report of pod {Pod} failed: {Error}")]
    public static partial void ReportFailed(ILogger logger, string pod, string error);
}
