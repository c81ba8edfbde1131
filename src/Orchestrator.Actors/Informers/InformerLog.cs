using Microsoft.Extensions.Logging;

namespace Orchestrator.Actors.Informers;

/// <summary>Informer log messages, source-generated, each naming the informer.</summary>
internal static partial class InformerLog
{
    [LoggerMessage(7701, LogLevel.Information, "Informer {Informer} lists again in {Delay}: {Reason}")]
    public static partial void Relisting(ILogger logger, string informer, TimeSpan delay, string reason);

    [LoggerMessage(7702, LogLevel.Debug, "Informer {Informer} synced {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Synced(ILogger logger, string informer, int count, string resourceVersion);
}
