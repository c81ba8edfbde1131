using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Cluster;

/// <summary>The cluster's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(201, LogLevel.Error, "A cluster callback of {Self} failed")]
    public static partial void CallbackFailed(ILogger logger, Exception cause, string self);

    [LoggerMessage(202, LogLevel.Information, "Cluster member {Self}: {Event}")]
    public static partial void Event(ILogger logger, string self, string @event);

    [LoggerMessage(203, LogLevel.Information, "{Self} is the first seed and no other seed answered: it starts a new cluster")]
    public static partial void StartingCluster(ILogger logger, string self);

    [LoggerMessage(204, LogLevel.Information, "{Self} was let into the cluster by {Contact}")]
    public static partial void Welcomed(ILogger logger, string self, string contact);

    [LoggerMessage(205, LogLevel.Warning, "{Self} is already a member (or was removed); join through {Seeds} ignored")]
    public static partial void AlreadyMember(ILogger logger, string self, string seeds);

    [LoggerMessage(206, LogLevel.Warning, "{Previous} restarted as {Joiner}: the previous incarnation is downed before the new one can join")]
    public static partial void PreviousIncarnationDowned(ILogger logger, string previous, string joiner);

    [LoggerMessage(207, LogLevel.Warning, "Split-brain resolver on {Self} ({Strategy}): {Action}, downing {Members}")]
    public static partial void SplitBrainDecision(ILogger logger, string self, string strategy, string action, string members);

    [LoggerMessage(208, LogLevel.Error, "Split-brain resolver on {Self} could not acquire the lease (this side downs itself): {Error}")]
    public static partial void LeaseFailed(ILogger logger, string self, string error);

    [LoggerMessage(209, LogLevel.Warning, "{Self} is not a cluster member: {Command} of {Address} ignored")]
    public static partial void NotAMember(ILogger logger, string self, string command, string address);

    [LoggerMessage(210, LogLevel.Warning, "{Self}: no member at {Address}; {Command} ignored")]
    public static partial void UnknownMember(ILogger logger, string self, string command, string address);

    [LoggerMessage(211, LogLevel.Warning, "{Self} was downed; it shuts its cluster membership down")]
    public static partial void SelfDowned(ILogger logger, string self);

    [LoggerMessage(212, LogLevel.Information, "{Self} was removed from the cluster (it was {PreviousStatus})")]
    public static partial void SelfRemoved(ILogger logger, string self, string previousStatus);
}
