using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Event;

/// <summary>
/// Logging of one actor system: every entry at or above <see cref="MinimumLevel"/> goes to the
/// Microsoft.Extensions.Logging factory the system was given and is published as a
/// <see cref="LogEvent"/> on the event stream (which is how the TestKit captures logs).
/// </summary>
public sealed class ActorSystemLogging
{
    private readonly ILoggerFactory _factory;
    private readonly EventStream _eventStream;

    internal ActorSystemLogging(ILoggerFactory factory, EventStream eventStream, LogLevel minimumLevel, string systemSource)
    {
        _factory = factory;
        _eventStream = eventStream;
        MinimumLevel = minimumLevel;
        Runtime = new ActorLogger(this, systemSource, "Orchestrator.Runtime");
    }

    /// <summary>Entries below this level are dropped before any formatting.</summary>
    public LogLevel MinimumLevel { get; }

    /// <summary>The runtime's own logger (dead letters, supervision, shutdown).</summary>
    public ILogger Runtime { get; }

    /// <summary>A logger whose entries carry <paramref name="source"/> (an actor path) and the category of <paramref name="type"/>.</summary>
    public ILogger ForActor(ActorPath source, Type type) => new ActorLogger(this, source.ToString(), type.FullName ?? type.Name);

    /// <summary>A logger for non-actor code of the system (e.g. a journal plugin).</summary>
    public ILogger For(string source, string category) => new ActorLogger(this, source, category);

    private sealed class ActorLogger(ActorSystemLogging owner, string source, string category) : ILogger
    {
        private readonly ILogger _inner = owner._factory.CreateLogger(category);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            owner._eventStream.Publish(new LogEvent(DateTimeOffset.UtcNow, logLevel, source, category, message, exception));
            if (_inner.IsEnabled(logLevel))
                _inner.Log(logLevel, eventId, state, exception, (s, e) => $"[{source}] {formatter(s, e)}");
        }
    }
}
