using Microsoft.Extensions.Logging;
using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Configuration;

/// <summary>Reads <see cref="ActorSystemSettings"/> from the <c>orchestrator</c> section, naming the key of any bad value.</summary>
public static class ActorSystemSettingsReader
{
    /// <summary>The settings in <paramref name="config"/> (which should include the reference configuration).</summary>
    public static ActorSystemSettings Read(Config config)
    {
        var o = config.GetConfig("orchestrator");
        var settings = new ActorSystemSettings
        {
            LogLevel = ReadLogLevel(o),
            StdoutLogging = o.GetBoolean("stdout-logging"),
            LogDeadLetters = o.GetInt("log-dead-letters"),
            LogDeadLettersDuringShutdown = o.GetBoolean("log-dead-letters-during-shutdown"),
            Throughput = Positive(o, "actor.throughput"),
            AskTimeout = o.GetTimeSpan("actor.ask-timeout"),
            LogUnhandled = o.GetBoolean("actor.log-unhandled"),
            ShutdownPhases = ReadPhases(o.GetConfig("coordinated-shutdown")),
        };
        try
        {
            CoordinatedShutdown.TopologicalSort(settings.ShutdownPhases);
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(o.OriginOf("coordinated-shutdown.phases"), $"orchestrator.coordinated-shutdown.phases: {e.Message}");
        }
    }

    private static int Positive(Config o, string key)
    {
        var value = o.GetInt(key);
        if (value < 1) throw new ConfigException(o.OriginOf(key), $"orchestrator.{key} must be at least 1, got {value}.");
        return value;
    }

    private static LogLevel ReadLogLevel(Config o)
    {
        var text = o.GetString("loglevel");
        if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level)) return level;
        throw new ConfigException(o.OriginOf("loglevel"),
            $"orchestrator.loglevel '{text}' is not a level; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
    }

    private static IReadOnlyList<ShutdownPhase> ReadPhases(Config shutdown)
    {
        var defaultTimeout = shutdown.GetTimeSpan("default-phase-timeout");
        var phases = shutdown.GetConfig("phases");
        return phases.Keys.Select(name =>
        {
            var p = phases.GetConfig(QuoteKey(name));
            return new ShutdownPhase(name, p.GetTimeSpan("timeout", defaultTimeout), p.GetStringList("depends-on", []));
        }).ToList();
    }

    private static string QuoteKey(string key) => key.Contains('.') ? $"\"{key}\"" : key;
}
