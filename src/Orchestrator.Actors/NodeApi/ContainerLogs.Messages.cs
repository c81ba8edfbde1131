namespace Orchestrator.Actors.NodeApi;

/// <summary>
/// Asks a node agent for a container's output (what <c>kubectl logs</c> reads). The requester gets
/// <see cref="LogChunk"/> messages, then <see cref="LogEnd"/>, or a <see cref="LogsFailed"/>; every chunk's
/// sender is the stream, which stops on <see cref="CancelLogs"/> or when the requester stops.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name (an init or app container of the pod).</param>
/// <param name="Previous">The previous (dead) instance of the container instead of the current one.</param>
/// <param name="TailLines">Only this many lines from the end; null for all.</param>
/// <param name="Follow">Keep streaming new output until the container stops or the requester cancels.</param>
/// <param name="Timestamps">Prefix each line with its RFC 3339 timestamp.</param>
/// <param name="SinceSeconds">Only output of the last this many seconds; null for all.</param>
public sealed record GetContainerLogs(
    string Namespace, string Pod, string Container, bool Previous = false, int? TailLines = null, bool Follow = false,
    bool Timestamps = false, long? SinceSeconds = null);

/// <summary>A piece of a container's output.</summary>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text as written; a chunk may hold several lines or part of one.</param>
public sealed record LogChunk(string Stream, string Text);

/// <summary>The container's output has been sent completely (or, when following, the container stopped).</summary>
public sealed record LogEnd
{
    /// <summary>The only instance.</summary>
    public static LogEnd Instance { get; } = new();
}

/// <summary>The logs cannot be read; the message names the pod and the container and says why.</summary>
/// <param name="Message">What went wrong.</param>
public sealed record LogsFailed(string Message);

/// <summary>Sent to a log stream (the sender of its chunks) to end it early; it stops without a <see cref="LogEnd"/>.</summary>
public sealed record CancelLogs
{
    /// <summary>The only instance.</summary>
    public static CancelLogs Instance { get; } = new();
}
