using Microsoft.Extensions.Logging;
using Orchestrator.Hocon;

namespace Orchestrator.Host.Startup;

/// <summary>
/// The console logging of an <c>orch</c> process: the runtime's format and <c>orchestrator.loglevel</c>, except that
/// in <c>orch up</c> remoting's association notices are kept to errors — there every peer is an orchctl run, and each
/// one connecting and leaving is routine, not worth a warning on the user's screen.
/// </summary>
public static class HostLogging
{
    /// <summary>The logger factory for a process of <paramref name="kind"/>; null when stdout logging is off.</summary>
    public static ILoggerFactory? Create(Config config, ProcessKind kind)
    {
        if (!config.GetBoolean("orchestrator.stdout-logging")) return null;
        var level = Enum.TryParse<LogLevel>(config.GetString("orchestrator.loglevel"), ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        return LoggerFactory.Create(builder =>
        {
            builder.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(level);
            if (kind == ProcessKind.Up) builder.AddFilter("Orchestrator.Runtime.Remoting", level > LogLevel.Error ? level : LogLevel.Error);
        });
    }
}
