using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Event;

/// <summary>A message that could not be delivered: its recipient had stopped, or its mailbox was full.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, string? Reason = null);

/// <summary>A message the recipient's behaviour did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A log entry, published on the event stream so tests and tools can observe logging.</summary>
public sealed record LogEvent(DateTimeOffset Timestamp, LogLevel Level, string Source, string Category, string Message, Exception? Exception)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"[{Level}] [{Timestamp:HH:mm:ss.fff}] [{Source}] {Message}{(Exception is null ? "" : " " + Exception.GetType().Name + ": " + Exception.Message)}";
}
